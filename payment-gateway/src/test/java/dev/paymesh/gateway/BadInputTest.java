package dev.paymesh.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Malformed requests are rejected at the gateway with 400 and an RFC 7807 body, before any downstream call: this test
 * runs without fraud-service or ledger-service (their URLs point at port 1, which refuses).
 */
@QuarkusTest
class BadInputTest {

    static final String PAYMENTS = "/api/payments";
    static final String PROCESS = "/api/payments/process";

    static Arguments post(String label, String path, String body) {
        return Arguments.of(label, "POST", path, body);
    }

    static Arguments get(String label, String path) {
        return Arguments.of(label, "GET", path, null);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                post("empty body", PAYMENTS, ""),
                post("empty object", PAYMENTS, "{}"),
                post("missing amount", PAYMENTS, "{\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("missing currency", PAYMENTS, "{\"amount\":10,\"customerId\":\"CUST1\"}"),
                post("missing customerId", PAYMENTS, "{\"amount\":10,\"currency\":\"EUR\"}"),
                post("amount is text", PAYMENTS, "{\"amount\":\"ten\",\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount is boolean", PAYMENTS, "{\"amount\":true,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount is object", PAYMENTS, "{\"amount\":{},\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount is array", PAYMENTS, "{\"amount\":[10],\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("zero amount", PAYMENTS, "{\"amount\":0,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("negative amount", PAYMENTS, "{\"amount\":-5.00,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("huge amount", PAYMENTS, "{\"amount\":1e30,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount with a huge exponent", PAYMENTS,
                        "{\"amount\":1E+2147483647,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount with a tiny exponent", PAYMENTS,
                        "{\"amount\":1E-999999999,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("just over the maximum", PAYMENTS, "{\"amount\":1000000.01,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("amount with 2000 digits", PAYMENTS,
                        "{\"amount\":" + "9".repeat(2000) + ",\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("over-precise EUR", PAYMENTS, "{\"amount\":10.001,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}"),
                post("over-precise JPY", PAYMENTS, "{\"amount\":10.5,\"currency\":\"JPY\",\"customerId\":\"CUST1\"}"),
                post("lower-case currency", PAYMENTS, "{\"amount\":10,\"currency\":\"eur\",\"customerId\":\"CUST1\"}"),
                post("four-letter currency", PAYMENTS, "{\"amount\":10,\"currency\":\"EURO\",\"customerId\":\"CUST1\"}"),
                post("unknown currency", PAYMENTS, "{\"amount\":10,\"currency\":\"ZZZ\",\"customerId\":\"CUST1\"}"),
                post("no-money currency XXX", PAYMENTS, "{\"amount\":10,\"currency\":\"XXX\",\"customerId\":\"CUST1\"}"),
                post("currency is a number", PAYMENTS, "{\"amount\":10,\"currency\":978,\"customerId\":\"CUST1\"}"),
                post("blank customerId", PAYMENTS, "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"\"}"),
                post("customerId with a space", PAYMENTS, "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST 1\"}"),
                post("customerId too long", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"" + "C".repeat(65) + "\"}"),
                post("customerId is an object", PAYMENTS, "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":{\"id\":1}}"),
                post("customerId is a number", PAYMENTS, "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":12345}"),
                post("description is a boolean", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\",\"description\":true}"),
                post("description too long", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\",\"description\":\"" + "d".repeat(256) + "\"}"),
                post("description with a NUL character", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\",\"description\":\"a\\u0000b\"}"),
                post("description with a C1 control character (NEL)", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\",\"description\":\"a\\u0085b\"}"),
                // PostgreSQL's client would store it as '?': the stored payment would no longer match its key's replays.
                post("description with an unpaired surrogate", PAYMENTS,
                        "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\",\"description\":\"a\\ud800b\"}"),
                post("not JSON at all", PAYMENTS, "amount=100&currency=EUR"),
                post("truncated JSON", PAYMENTS, "{\"amount\":100.5,"),
                post("a JSON array", PAYMENTS, "[]"),
                post("unknown action", PROCESS, "{\"paymentId\":\"PAY001\",\"action\":\"explode\"}"),
                // Jackson's default reads a number as the enum's position: 0 would approve.
                post("action as a number", PROCESS, "{\"paymentId\":\"PAY001\",\"action\":0}"),
                post("action as a quoted number", PROCESS, "{\"paymentId\":\"PAY001\",\"action\":\"1\"}"),
                post("missing action", PROCESS, "{\"paymentId\":\"PAY001\"}"),
                post("missing paymentId", PROCESS, "{\"action\":\"approve\"}"),
                post("malformed paymentId", PROCESS, "{\"paymentId\":\"hello\",\"action\":\"approve\"}"),
                post("process with non-JSON", PROCESS, "approve PAY001"),
                get("malformed payment id", PAYMENTS + "/not-a-payment"),
                get("page size zero", PAYMENTS + "?size=0"),
                get("page size not a number", PAYMENTS + "?size=abc"),
                get("page size over 100", PAYMENTS + "?size=101"),
                get("negative page", PAYMENTS + "?page=-1"),
                get("unknown status filter", PAYMENTS + "?status=LOST"),
                get("customer filter with a space", PAYMENTS + "?customerId=CUST%201"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void isRejectedAsAProblem(String label, String method, String path, String body) {
        RequestSpecification request = given().contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        request.request(method, path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", equalTo("Bad Request"));
    }

    @Test
    void anUnreadableValueIsNamedByItsFieldNotByAJavaType() {
        given().contentType("application/json").body("{\"amount\":[10],\"currency\":\"EUR\",\"customerId\":\"CUST1\"}")
                .post(PAYMENTS).then().statusCode(400)
                .body("detail", equalTo("amount has the wrong JSON type or format"));
        given().contentType("application/json").body("{\"paymentId\":\"PAY001\",\"action\":\"pay\"}")
                .post(PAYMENTS + "/process").then().statusCode(400)
                .body("detail", equalTo("action must be one of [approve, decline, refund]"));
        given().contentType("application/json").body("[1]").post(PAYMENTS).then().statusCode(400)
                .body("detail", not(containsString("dev.paymesh")));
    }

    @Test
    void idempotencyKeyMustBeReasonable() {
        given().contentType("application/json").header("Idempotency-Key", "k".repeat(200))
                .body("{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}")
                .post(PAYMENTS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongMediaTypeIsAProblemNotAServerError() {
        given().contentType("text/plain").body("hello").post(PAYMENTS).then()
                .statusCode(415).contentType("application/problem+json");
    }

    /**
     * Not a URI: Quarkus's HTTP layer answers 400 with an empty body and closes the connection before any resource or
     * exception mapper runs (like the 413 below), so there is no problem body. Never a 5xx.
     */
    @ParameterizedTest
    @ValueSource(strings = { PAYMENTS + "?customerId=%zz", PAYMENTS + "/%zz" })
    void malformedPercentEncodingIsRefusedBeforeAnyResource(String target) throws IOException {
        // Raw bytes: HTTP clients refuse to send such a URL.
        String response = rawExchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response, startsWith("HTTP/1.1 400 "));
        assertThat(response.toLowerCase(Locale.ROOT), containsString("content-length: 0"));
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection. */
    static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Refused before the payment is checked and stored: a 406 after the ledger's commit would hide a stored payment. */
    @ParameterizedTest
    @ValueSource(strings = { "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}", "{\"amount\":\"ten\"}" })
    void unacceptableResponseTypeIsRefusedFirst(String body) {
        given().contentType("application/json").accept("application/xml").body(body)
                .post(PAYMENTS).then().statusCode(406).contentType("application/problem+json");
    }

    /**
     * The ledger is unreachable here (port 1), so a valid request ends in the outage's 503, whose advice depends on
     * what was sent: a transition, however its path is spelled, is never to be resent blindly.
     */
    @ParameterizedTest
    @ValueSource(strings = { PROCESS, PROCESS + "/", PROCESS + ";retry=1" })
    void aLedgerOutageTellsHowToRetryATransition(String path) {
        given().contentType("application/json").body("{\"paymentId\":\"PAY001\",\"action\":\"approve\"}")
                .urlEncodingEnabled(false).post(path).then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("read the payment"));
    }

    @Test
    void aLedgerOutageTellsHowToRetryAPaymentOrARead() {
        String payment = "{\"amount\":10,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}";
        given().contentType("application/json").header("Idempotency-Key", "outage-1").body(payment).post(PAYMENTS).then()
                .statusCode(503).body("detail", containsString("same Idempotency-Key"));
        given().contentType("application/json").body(payment).post(PAYMENTS).then()
                .statusCode(503).body("detail", containsString("look for it"));
        given().get(PAYMENTS + "/PAY001").then().statusCode(503).body("detail", containsString("Nothing was changed"));
    }

    /** Announced, not sent: the server answers from the header and closes, which a client still writing could miss. */
    @Test
    void bodyBeyondTheHttpLimitIsRefusedBeforeItIsRead() throws IOException {
        String response = rawExchange("POST " + PAYMENTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\nConnection: close\r\n\r\n");
        assertThat(response, startsWith("HTTP/1.1 413 "));
    }
}
