package dev.paymesh.fraud.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.paymesh.fraud.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * fraud-service as it ships: the packaged fast-jar, or the native executable with {@code -Pnative}. Everything is
 * checked from outside the process: HTTP answers, and the spans it exports over OTLP to {@link OtlpReceiver}.
 */
@QuarkusIntegrationTest
@WithTestResource(OtlpReceiver.class)
@WithTestResource(FraudServiceIT.NoSimulatedFaults.class)
class FraudServiceIT {

    static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    static final SecureRandom RANDOM = new SecureRandom();

    /** The packaged app runs the prod profile, whose simulated latency and failure rate would make answers random. */
    public static class NoSimulatedFaults implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "fraud.simulation.latency-base", "0ms",
                    "fraud.simulation.latency-jitter", "0ms",
                    "fraud.simulation.slow-path-probability", "0",
                    "fraud.simulation.failure-rate", "0");
        }

        @Override
        public void stop() {
        }
    }

    /** Injected by {@link OtlpReceiver#inject}. */
    OtlpReceiver otlp;

    static String freshCustomer() {
        return "CUST-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    ReceivedSpan awaitServerSpan(String traceId) {
        return await("fraud-service SERVER span of trace " + traceId).atMost(EXPORT_WAIT)
                .until(() -> otlp.trace(traceId).stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
                        .findFirst().orElse(null), span -> span != null);
    }

    @Test
    void isReadyAndDescribesItself() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("fraud-service API"));
    }

    @Test
    void smallPaymentOfAFreshCustomerIsApproved() {
        given().queryParam("customerId", freshCustomer()).queryParam("amount", "100.50").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200).contentType("application/json")
                .body("score", is(0)).body("decision", equalTo("APPROVE")).body("reasons.size()", is(0));
    }

    @Test
    void blockedCustomerIsDeclined() {
        given().queryParam("customerId", "CUST666").queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200)
                .body("score", is(100)).body("decision", equalTo("DECLINE"))
                .body("reasons", contains("customer CUST666 is blocked"));
    }

    @ParameterizedTest
    @CsvSource({ "4999.99,EUR,APPROVE", "5000,EUR,REVIEW", "10000,EUR,DECLINE", "9000,GBP,DECLINE", "900000,JPY,REVIEW",
            "6000,SEK,REVIEW" })
    void amountThresholdsDependOnTheCurrency(String amount, String currency, String decision) {
        given().queryParam("customerId", freshCustomer()).queryParam("amount", amount).queryParam("currency", currency)
                .get("/fraud-check").then().statusCode(200).body("decision", equalTo(decision));
    }

    @Test
    void tooManyPaymentsInTheWindowNeedReview() {
        String customer = freshCustomer();
        for (int i = 1; i <= 5; i++) {
            given().queryParam("customerId", customer).queryParam("amount", "20").queryParam("currency", "EUR")
                    .get("/fraud-check").then().statusCode(200).body("decision", equalTo("APPROVE"));
        }
        given().queryParam("customerId", customer).queryParam("amount", "20").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200)
                .body("decision", equalTo("REVIEW")).body("reasons", hasItem(startsWith("6 payments within 60 s")));
    }

    @ParameterizedTest
    @CsvSource(value = { "'',10,EUR", "CUST1,,EUR", "CUST1,abc,EUR", "CUST1,-5,EUR", "CUST1,10,eur", "CUST1,10,",
            "'CUST 1',10,EUR", "CUST1,1e5,EUR", "CUST1,1234567890123456,EUR" })
    void malformedQueriesAreProblems(String customerId, String amount, String currency) {
        var request = given();
        if (customerId != null) {
            request.queryParam("customerId", customerId);
        }
        if (amount != null) {
            request.queryParam("amount", amount);
        }
        if (currency != null) {
            request.queryParam("currency", currency);
        }
        // The violations come from Hibernate Validator and the body from Jackson: both reflective on the JVM.
        request.get("/fraud-check").then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400)).body("title", equalTo("Bad Request"))
                .body("violations.size()", greaterThan(0));
    }

    @Test
    void unknownPathIsAProblem() {
        given().get("/fraud-check/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void serverSpanIsExportedWithTheDecisionAndJoinsTheCallersTrace() {
        String traceId = hex(16);
        String parentId = hex(8);
        String customer = freshCustomer();
        given().header("traceparent", "00-" + traceId + "-" + parentId + "-01")
                .queryParam("customerId", customer).queryParam("amount", "5000").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200).body("decision", equalTo("REVIEW"));

        ReceivedSpan server = awaitServerSpan(traceId);
        assertAll(
                () -> assertEquals("GET /fraud-check", server.name()),
                () -> assertEquals(parentId, server.parentSpanId(), "the caller's span is the parent"),
                () -> assertEquals("fraud-service", server.service()),
                () -> assertEquals("REVIEW", server.attribute("fraud.decision")),
                () -> assertEquals("50", server.attribute("fraud.score")),
                () -> assertEquals(customer, server.attribute("customer.id")),
                () -> assertEquals("0", server.attribute("fraud.simulated_delay_ms")),
                () -> assertEquals("/fraud-check", server.attribute("http.route")),
                () -> assertEquals("200", server.attribute("http.response.status_code")),
                () -> assertEquals(StatusCode.STATUS_CODE_UNSET, server.status()));
    }

    @Test
    void baggageCanForceAnOutageAndTheSpanShowsIt() {
        String traceId = hex(16);
        given().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .header("baggage", "paymesh.fault=fraud-error")
                .queryParam("customerId", freshCustomer()).queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("paymesh.fault=fraud-error"));

        ReceivedSpan server = awaitServerSpan(traceId);
        assertAll(
                () -> assertEquals("503", server.attribute("http.response.status_code")),
                () -> assertEquals(StatusCode.STATUS_CODE_ERROR, server.status()));
    }
}
