package dev.paymesh.ledger.it;

import static io.restassured.RestAssured.given;
import static io.restassured.config.JsonConfig.jsonConfig;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.paymesh.ledger.EmbeddedPostgresResource;
import dev.paymesh.ledger.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/**
 * ledger-service as it ships (fast-jar, or the native executable with {@code -Pnative}) on a real PostgreSQL: the
 * HTTP API, its problems, and the spans it exports over OTLP, SQL spans included.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OtlpReceiver.class)
class LedgerServiceIT {

    static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    static final SecureRandom RANDOM = new SecureRandom();

    /** Injected by {@link OtlpReceiver#inject}. */
    OtlpReceiver otlp;

    static final BigDecimal AMOUNT = new BigDecimal("42.10");

    static Map<String, Object> newPayment(String idempotencyKey) {
        return Map.of("amount", AMOUNT, "currency", "EUR", "customerId", "CUST042", "description", "Lamp",
                "status", "PENDING", "fraudDecision", "APPROVE", "fraudScore", 3, "idempotencyKey", idempotencyKey);
    }

    static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** Reads JSON numbers with a fraction as BigDecimal, so money is compared exactly: RestAssured's default is float. */
    static RequestSpecification exact() {
        return given().config(RestAssured.config().jsonConfig(jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL)));
    }

    static RequestSpecification json() {
        return exact().contentType(ContentType.JSON);
    }

    static String createPayment() {
        return json().body(newPayment(UUID.randomUUID().toString())).post("/ledger/payments").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void isReadyWithItsDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("ledger-service API"));
    }

    @Test
    void demoPaymentsAreMigratedOnAFreshDatabase() {
        exact().get("/ledger/payments/PAY001").then().statusCode(200)
                .body("id", equalTo("PAY001")).body("amount", comparesEqualTo(new BigDecimal("100.50"))).body("currency", equalTo("EUR"))
                .body("customerId", equalTo("CUST001")).body("status", equalTo("PENDING"))
                .body("createdAt", containsString("T"));
    }

    @Test
    void recordsOncePerIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String id = json().body(newPayment(key)).post("/ledger/payments").then().statusCode(201)
                .header("Location", containsString("/ledger/payments/PAY"))
                .body("status", equalTo("PENDING")).body("amount", comparesEqualTo(AMOUNT)).body("fraudScore", is(3))
                .extract().path("id");

        json().body(newPayment(key)).post("/ledger/payments").then().statusCode(200).body("id", equalTo(id));
        given().header("Idempotency-Key", key).get("/ledger/payments/by-idempotency-key").then().statusCode(200)
                .body("id", equalTo(id));
        given().get("/ledger/payments?customerId=CUST042&size=100").then().statusCode(200)
                .body("items.findAll { it.id == '" + id + "' }", hasSize(1)).body("size", is(100));
        given().header("Idempotency-Key", UUID.randomUUID().toString()).get("/ledger/payments/by-idempotency-key")
                .then().statusCode(204);
    }

    @Test
    void approveBooksABalancedEntryAndRefundReversesIt() {
        String id = createPayment();
        json().body(Map.of("action", "approve")).post("/ledger/payments/" + id + "/transitions").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        given().get("/ledger/journal/payments/" + id).then().statusCode(200)
                .body("direction", contains("DEBIT", "CREDIT"));
        json().body(Map.of("action", "refund")).post("/ledger/payments/" + id + "/transitions").then().statusCode(200)
                .body("status", equalTo("REFUNDED"));
        given().get("/ledger/journal/payments/" + id).then().statusCode(200).body("$", hasSize(4));

        json().body(Map.of("action", "approve")).post("/ledger/payments/" + id + "/transitions").then().statusCode(409)
                .contentType("application/problem+json").body("status", is(409));

        List<Map<String, Object>> balance = exact().get("/ledger/journal/balance").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertFalse(balance.isEmpty());
        balance.forEach(row -> assertEquals(0, ((BigDecimal) row.get("debits")).compareTo((BigDecimal) row.get("credits")),
                "debits = credits for " + row));
    }

    @Test
    void unknownPaymentIsANotFoundProblem() {
        given().get("/ledger/payments/PAY999999").then().statusCode(404).contentType("application/problem+json");
        json().body(Map.of("action", "approve")).post("/ledger/payments/PAY999999/transitions").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("PAY999999"));
    }

    @Test
    void badInputIsABadRequestProblem() {
        json().body(Map.of("amount", -1, "currency", "eur")).post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json").body("violations.size()", greaterThan(1));
        json().body("{\"amount\":").post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json");
        json().body(Map.of("amount", "ten", "currency", "EUR")).post("/ledger/payments").then().statusCode(400)
                .contentType("application/problem+json");
        json().body(Map.of("action", "explode")).post("/ledger/payments/PAY001/transitions").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/ledger/payments?size=0").then().statusCode(400).contentType("application/problem+json");
    }

    /** Spans of one trace, once the server span and at least {@code sqlSpans} SQL spans have arrived. */
    List<ReceivedSpan> awaitTrace(String traceId, int sqlSpans) {
        return await("ledger-service spans of trace " + traceId).atMost(EXPORT_WAIT).until(() -> otlp.trace(traceId),
                spans -> spans.stream().anyMatch(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
                        && spans.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).count() >= sqlSpans);
    }

    static void assertDescendsFrom(ReceivedSpan ancestor, ReceivedSpan span, List<ReceivedSpan> trace) {
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
        for (ReceivedSpan current = span; current != null; current = byId.get(current.parentSpanId())) {
            if (current.spanId().equals(ancestor.spanId())) {
                return;
            }
        }
        throw new AssertionError(span.name() + " does not descend from " + ancestor.name() + " in " + trace);
    }

    @Test
    void recordIsTracedDownToTheSqlInsertWithDbSystemPostgresql() {
        String traceId = hex(16);
        String parentId = hex(8);
        String id = json().header("traceparent", "00-" + traceId + "-" + parentId + "-01")
                .body(newPayment(UUID.randomUUID().toString())).post("/ledger/payments").then().statusCode(201)
                .extract().path("id");

        List<ReceivedSpan> trace = awaitTrace(traceId, 1);
        ReceivedSpan server = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        ReceivedSpan insert = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("POST /ledger/payments", server.name()),
                () -> assertEquals(parentId, server.parentSpanId(), "the caller's span is the parent"),
                () -> assertEquals("ledger-service", server.service()),
                () -> assertEquals(id, server.attribute("payment.id")),
                () -> assertEquals("PENDING", server.attribute("payment.status")),
                () -> assertEquals("201", server.attribute("http.response.status_code")),
                () -> assertTrue(insert.name().startsWith("INSERT"), insert.name()),
                () -> assertEquals("postgresql", insert.attribute("db.system"), "PostgresDbSystemSpanProcessor"),
                () -> assertEquals("postgres", insert.attribute("db.name"), "the database name moves to db.name"),
                () -> assertEquals("postgres", insert.attribute("db.namespace")),
                () -> assertDescendsFrom(server, insert, trace));
    }

    @Test
    void approveIsTracedAsItsFourStatementsEachSayingPostgresql() {
        String id = createPayment();
        String traceId = hex(16);
        json().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").body(Map.of("action", "approve"))
                .post("/ledger/payments/" + id + "/transitions").then().statusCode(200);

        // Load the payment, insert the entry's two lines (IDENTITY ids: one INSERT each), then the flush at commit
        // updates the payment. The statements end before the server span, so they are exported no later than it.
        List<ReceivedSpan> trace = awaitTrace(traceId, 4);
        ReceivedSpan server = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        List<ReceivedSpan> sql = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
        assertEquals("POST /ledger/payments/{id}/transitions", server.name());
        assertEquals(List.of("INSERT journal_line", "INSERT journal_line", "SELECT payment", "UPDATE payment"),
                sql.stream().map(ReceivedSpan::name).sorted().toList(), "the approve's statements, sorted by name");
        assertEquals("APPROVED", server.attribute("payment.status"));
        for (ReceivedSpan statement : sql) {
            assertEquals("postgresql", statement.attribute("db.system"), statement.name());
            assertDescendsFrom(server, statement, trace);
        }
    }
}
