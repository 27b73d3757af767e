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

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class PaymentResourceTest {

    static final BigDecimal AMOUNT = new BigDecimal("42.10");

    static Map<String, Object> newPayment(String idempotencyKey) {
        return Map.of("amount", AMOUNT, "currency", "EUR", "customerId", "CUST042", "description", "Lamp",
                "status", "PENDING", "fraudDecision", "APPROVE", "fraudScore", 3, "idempotencyKey", idempotencyKey);
    }

    /** Reads JSON numbers with a fraction as BigDecimal, so money is compared exactly: RestAssured's default is float. */
    static RequestSpecification exact() {
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
                .body("customerId", equalTo("CUST001"));
    }

    @Test
    void recordsOncePerIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String id = exact().contentType(ContentType.JSON).body(newPayment(key))
                .post("/ledger/payments").then().statusCode(201)
                .header("Location", containsString("/ledger/payments/PAY"))
                .body("status", equalTo("PENDING"))
                .body("amount", comparesEqualTo(AMOUNT))
                .extract().path("id");

        given().contentType(ContentType.JSON).body(newPayment(key))
                .post("/ledger/payments").then().statusCode(200).body("id", equalTo(id));
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                .body("id", equalTo(id));
        given().get("/ledger/payments?customerId=CUST042&size=100").then().statusCode(200)
                .body("items.findAll { it.id == '" + id + "' }", hasSize(1));
    }

    @Test
    void racingRequestsWithOneKeyStoreOnePayment() {
        String key = UUID.randomUUID().toString();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<CompletableFuture<Response>> answers = IntStream.range(0, racers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                            .body(newPayment(key)).post("/ledger/payments"), pool))
                    .toList();
            List<Response> responses = answers.stream().map(CompletableFuture::join).toList();

            assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count(), "one request creates");
            assertEquals(racers - 1, responses.stream().filter(r -> r.statusCode() == 200).count(),
                    "the others answer with the stored payment");
            assertEquals(1, responses.stream().map(r -> r.path("id")).distinct().count(), "one payment id");
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
        }
        given().contentType(ContentType.JSON).body(withField("currency", "JPY")).post("/ledger/payments").then()
                .statusCode(400).body("violations[0].message", equalTo("JPY allows 0 decimal places"));
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
                .body("amount", contains(comparesEqualTo(AMOUNT), comparesEqualTo(AMOUNT)))
                .body("currency", contains("EUR", "EUR"));

        given().contentType(ContentType.JSON).body(Map.of("action", "refund"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(200).body("status", equalTo("REFUNDED"));
        given().get("/ledger/journal/payments/" + id).then().statusCode(200).body("$", hasSize(4));

        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json").body("status", is(409));
    }

    @Test
    void unknownPaymentIsNotFoundProblem() {
        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/PAY999999/transitions").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidPaymentIsBadRequestProblem() {
        given().contentType(ContentType.JSON).body(Map.of("amount", -1, "currency", "eur"))
                .post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", greaterThan(1));
    }
}
