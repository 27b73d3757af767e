package dev.paymesh.ledger;

import static io.restassured.RestAssured.given;
import static io.restassured.config.JsonConfig.jsonConfig;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * ledger-service's HTTP API on a real PostgreSQL. {@code it.LedgerServiceIT} runs the same tests against the packaged
 * service.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
public class PaymentResourceTest {

    protected static final BigDecimal AMOUNT = new BigDecimal("42.10");

    protected static Map<String, Object> newPayment(String idempotencyKey) {
        return newPayment("CUST042", idempotencyKey);
    }

    /** With a customer of its own, a test can count what was stored: the database is shared by every test. */
    static Map<String, Object> newPayment(String customerId, String idempotencyKey) {
        return Map.of("amount", AMOUNT, "currency", "EUR", "customerId", customerId, "description", "Lamp",
                "status", "PENDING", "fraudDecision", "APPROVE", "fraudScore", 3, "idempotencyKey", idempotencyKey);
    }

    static String freshCustomer() {
        return "C-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Reads JSON numbers with a fraction as BigDecimal, so money is compared exactly: RestAssured's default is float. */
    protected static RequestSpecification exact() {
        return given().config(RestAssured.config().jsonConfig(jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL)));
    }

    static Map<String, Object> withField(String field, Object value) {
        Map<String, Object> body = new HashMap<>(newPayment(UUID.randomUUID().toString()));
        body.put(field, value);
        return body;
    }

    @Test
    void demoPaymentPay001ExistsOnAFreshDatabase() {
        exact().get("/ledger/payments/PAY001").then().statusCode(200)
                .body("id", equalTo("PAY001"))
                .body("amount", comparesEqualTo(new BigDecimal("100.50")))
                .body("currency", equalTo("EUR"))
                .body("customerId", equalTo("CUST001"))
                .body("createdAt", containsString("T"));
    }

    @Test
    void recordsOncePerIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String customer = freshCustomer();
        Response created = exact().contentType(ContentType.JSON).body(newPayment(customer, key))
                .post("/ledger/payments").then().statusCode(201)
                .header("Location", containsString("/ledger/payments/PAY"))
                .body("status", equalTo("PENDING"))
                .body("amount", comparesEqualTo(AMOUNT))
                .body("fraudScore", is(3))
                .extract().response();
        String id = created.path("id");

        // The replay shows the stored payment, times included, exactly as the first answer did.
        given().contentType(ContentType.JSON).body(newPayment(customer, key))
                .post("/ledger/payments").then().statusCode(200).body("id", equalTo(id))
                .body("createdAt", equalTo(created.path("createdAt")))
                .body("updatedAt", equalTo(created.path("updatedAt")));
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                .body("id", equalTo(id));
        given().get("/ledger/payments?customerId=" + customer).then().statusCode(200)
                .body("totalItems", is(1)).body("items.id", contains(id));
    }

    @Test
    void racingRequestsWithOneKeyStoreOnePayment() {
        String key = UUID.randomUUID().toString();
        String customer = freshCustomer();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<CompletableFuture<Response>> answers = IntStream.range(0, racers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                            .body(newPayment(customer, key)).post("/ledger/payments"), pool))
                    .toList();
            List<Response> responses = answers.stream().map(CompletableFuture::join).toList();

            assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count(), "one request creates");
            assertEquals(racers - 1, responses.stream().filter(r -> r.statusCode() == 200).count(),
                    "the others answer with the stored payment");
            assertEquals(1, responses.stream().map(r -> r.path("id")).distinct().count(), "one payment id");
            given().get("/ledger/payments?customerId=" + customer).then().statusCode(200).body("totalItems", is(1));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void paymentsTheLedgerCouldNotShowAgainAreRefused() {
        for (Map<String, Object> body : List.of(
                withField("currency", "ZZZ"),
                withField("currency", "XXX"),
                withField("amount", new BigDecimal("10.001")),
                withField("description", "a\u0000b"),
                withField("customerId", "CUST 42"),
                withField("idempotencyKey", "with space"))) {
            given().contentType(ContentType.JSON).body(body).post("/ledger/payments").then()
                    .statusCode(400).contentType("application/problem+json").body("violations.size()", is(1));
            if (!"with space".equals(body.get("idempotencyKey"))) {
                given().header("Idempotency-Key", body.get("idempotencyKey")).get("/ledger/payments/by-idempotency-key")
                        .then().statusCode(204);
            }
        }
        given().contentType(ContentType.JSON).body(withField("currency", "JPY")).post("/ledger/payments").then()
                .statusCode(400).body("violations[0].message", equalTo("JPY allows 0 decimal places"));
    }

    /**
     * Jackson's defaults would read a number as an enum's position (status 0 is PENDING, action 0 APPROVE) and 42 as
     * the text "42"; half a surrogate pair would be stored as '?', and the payment would no longer match its replays.
     */
    @Test
    void valuesOfAnotherJsonTypeAndUnstorableTextAreRefused() {
        String key = UUID.randomUUID().toString();
        String valid = "{\"amount\":42.10,\"currency\":\"EUR\",\"customerId\":\"CUST042\",\"description\":\"Lamp\","
                + "\"status\":\"PENDING\",\"fraudDecision\":\"APPROVE\",\"fraudScore\":3,\"idempotencyKey\":\"" + key + "\"}";
        for (String body : List.of(
                valid.replace("\"status\":\"PENDING\"", "\"status\":0"),
                valid.replace("\"status\":\"PENDING\"", "\"status\":\"0\""),
                valid.replace("\"customerId\":\"CUST042\"", "\"customerId\":42"),
                valid.replace("\"description\":\"Lamp\"", "\"description\":\"a\\ud800b\""))) {
            given().contentType(ContentType.JSON).body(body).post("/ledger/payments").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"action\":0}").post("/ledger/payments/PAY001/transitions").then()
                .statusCode(400).contentType("application/problem+json")
                // Named by its field and values, not by a Java type.
                .body("detail", equalTo("action must be one of [approve, decline, refund]"));
        given().contentType(ContentType.JSON).body(valid.replace("\"customerId\":\"CUST042\"", "\"customerId\":42"))
                .post("/ledger/payments").then().statusCode(400)
                .body("detail", equalTo("customerId has the wrong JSON type or format"));
        // The same body with the values as the ledger expects them is stored.
        given().contentType(ContentType.JSON).body(valid).post("/ledger/payments").then().statusCode(201);
    }

    @Test
    void aStatusOnlyATransitionSetsIsRefusedAndNothingStored() {
        for (String status : List.of("APPROVED", "REFUNDED")) {
            Map<String, Object> body = withField("status", status);
            given().contentType(ContentType.JSON).body(body).post("/ledger/payments").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations.size()", is(1)).body("violations[0].field", endsWith("status"));
            given().header("Idempotency-Key", body.get("idempotencyKey")).get("/ledger/payments/by-idempotency-key")
                    .then().statusCode(204);
        }
    }

    @Test
    void malformedQueriesAreBadRequestsNotNotFound() {
        for (String query : List.of("status=LOST", "page=x", "size=0", "size=101", "customerId=CUST%2042")) {
            given().get("/ledger/payments?" + query).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void unknownIdempotencyKeyIsNoContentAndAMissingOneABadRequest() {
        given().header("Idempotency-Key", UUID.randomUUID().toString()).get("/ledger/payments/by-idempotency-key")
                .then().statusCode(204);
        given().get("/ledger/payments/by-idempotency-key").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void keysAUrlPathWouldAlterAreLookedUpAsSent() {
        String suffix = UUID.randomUUID().toString();
        for (String key : List.of("..", ".", suffix + ";retry=2", suffix + "/2", suffix + "?x=1#y", suffix + "%2F")) {
            String id = given().contentType(ContentType.JSON).body(newPayment(key)).post("/ledger/payments").then()
                    .statusCode(201).extract().path("id");
            given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                    .body("id", equalTo(id));
        }
    }

    @Test
    void aKeyReusedForAnotherPaymentIsRefusedAndTheStoredOneKept() {
        String key = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).body(newPayment(key)).post("/ledger/payments").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> changes = Map.of("amount", new BigDecimal("42.11"), "currency", "USD", "customerId", "CUST043",
                "description", "Lamps");
        for (var change : changes.entrySet()) {
            Map<String, Object> other = new HashMap<>(newPayment(key));
            other.put(change.getKey(), change.getValue());
            given().contentType(ContentType.JSON).body(other).post("/ledger/payments").then().statusCode(422)
                    .contentType("application/problem+json").body("status", is(422))
                    .body("title", equalTo("Unprocessable Content"));
        }
        // The key's unique index keeps any second row out; what matters is that no 2xx acknowledged the other payment.
        exact().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                .body("id", equalTo(id)).body("amount", comparesEqualTo(AMOUNT)).body("description", equalTo("Lamp"));
    }

    @Test
    void approveWritesABalancedJournalEntryAndRefundReversesIt() {
        String id = given().contentType(ContentType.JSON).body(newPayment(UUID.randomUUID().toString()))
                .post("/ledger/payments").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(200).body("status", equalTo("APPROVED"));
        exact().get("/ledger/journal/payments/" + id).then().statusCode(200)
                .body("direction", contains("DEBIT", "CREDIT"))
                // equalTo: the amount as the payment shows it, 42.10, not as NUMERIC(19,4) stores it (42.1000).
                .body("amount", contains(equalTo(AMOUNT), equalTo(AMOUNT)))
                .body("currency", contains("EUR", "EUR"));

        given().contentType(ContentType.JSON).body(Map.of("action", "refund"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(200).body("status", equalTo("REFUNDED"));
        List<Map<String, Object>> lines = exact().get("/ledger/journal/payments/" + id).then().statusCode(200)
                .body("$", hasSize(4)).extract().jsonPath().getList("$");
        // The refund books the approval's lines in the other direction: each account nets to zero.
        Map<String, BigDecimal> netByAccount = new HashMap<>();
        for (Map<String, Object> line : lines) {
            BigDecimal amount = (BigDecimal) line.get("amount");
            netByAccount.merge((String) line.get("account"), "DEBIT".equals(line.get("direction")) ? amount : amount.negate(),
                    BigDecimal::add);
        }
        assertEquals(2, netByAccount.size(), "two accounts: " + lines);
        netByAccount.forEach((account, net) -> assertEquals(0, net.signum(), account + " nets to " + net + ": " + lines));

        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json").body("status", is(409));

        List<Map<String, Object>> balance = exact().get("/ledger/journal/balance").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertFalse(balance.isEmpty());
        balance.forEach(row -> assertEquals(0, ((BigDecimal) row.get("debits")).compareTo((BigDecimal) row.get("credits")),
                "debits = credits for " + row));
    }

    @Test
    void unknownPaymentIsNotFoundProblem() {
        given().get("/ledger/payments/PAY999999").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/PAY999999/transitions").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("PAY999999"));
    }

    @Test
    void invalidPaymentIsBadRequestProblem() {
        given().contentType(ContentType.JSON).body(Map.of("amount", -1, "currency", "eur"))
                .post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", greaterThan(1));
        given().contentType(ContentType.JSON).body("{\"amount\":").post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("amount", "ten", "currency", "EUR")).post("/ledger/payments")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("action", "explode")).post("/ledger/payments/PAY001/transitions")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
