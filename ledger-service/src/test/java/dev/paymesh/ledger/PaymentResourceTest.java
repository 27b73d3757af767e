package dev.paymesh.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;
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
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class PaymentResourceTest {

    static Map<String, Object> newPayment(String idempotencyKey) {
        return Map.of("amount", 42.10, "currency", "EUR", "customerId", "CUST042", "description", "Lamp",
                "status", "PENDING", "fraudDecision", "APPROVE", "fraudScore", 3, "idempotencyKey", idempotencyKey);
    }

    static Map<String, Object> withField(String field, Object value) {
        Map<String, Object> body = new HashMap<>(newPayment(UUID.randomUUID().toString()));
        body.put(field, value);
        return body;
    }

    @Test
    void demoPaymentPay001ExistsOnAFreshDatabase() {
        given().get("/ledger/payments/PAY001").then().statusCode(200)
                .body("id", equalTo("PAY001"))
                .body("amount", is(100.50f))
                .body("currency", equalTo("EUR"))
                .body("customerId", equalTo("CUST001"));
    }

    @Test
    void recordsOncePerIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).body(newPayment(key))
                .post("/ledger/payments").then().statusCode(201)
                .header("Location", containsString("/ledger/payments/PAY"))
                .body("status", equalTo("PENDING"))
                .body("amount", is(42.10f))
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
        Map<String, Object> changes = Map.of("amount", 42.11, "currency", "USD", "customerId", "CUST043",
                "description", "Lamps");
        for (var change : changes.entrySet()) {
            Map<String, Object> other = new HashMap<>(newPayment(key));
            other.put(change.getKey(), change.getValue());
            given().contentType(ContentType.JSON).body(other).post("/ledger/payments").then().statusCode(422)
                    .contentType("application/problem+json").body("status", is(422))
                    .body("title", equalTo("Unprocessable Content"));
        }
        // The key's unique index keeps any second row out; what matters is that no 2xx acknowledged the other payment.
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                .body("id", equalTo(id)).body("amount", is(42.10f)).body("description", equalTo("Lamp"));
    }

    @Test
    void approveWritesABalancedJournalEntryAndRefundReversesIt() {
        String id = given().contentType(ContentType.JSON).body(newPayment(UUID.randomUUID().toString()))
                .post("/ledger/payments").then().statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(200).body("status", equalTo("APPROVED"));
        given().get("/ledger/journal/payments/" + id).then().statusCode(200)
                .body("direction", org.hamcrest.Matchers.contains("DEBIT", "CREDIT"))
                .body("amount", org.hamcrest.Matchers.contains(42.10f, 42.10f))
                .body("currency", org.hamcrest.Matchers.contains("EUR", "EUR"));

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
                .body("violations.size()", org.hamcrest.Matchers.greaterThan(1));
    }
}
