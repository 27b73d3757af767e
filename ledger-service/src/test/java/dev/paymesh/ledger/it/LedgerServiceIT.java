package dev.paymesh.ledger.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.paymesh.ledger.PaymentResourceTest;
import dev.paymesh.ledger.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * ledger-service as it ships (fast-jar, or the native executable with {@code -Pnative}) on a real PostgreSQL: every
 * test of {@link PaymentResourceTest} against the packaged service, its health and OpenAPI document, and the spans it
 * exports over OTLP, SQL spans included.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(OtlpReceiver.class)
class LedgerServiceIT extends PaymentResourceTest {

    static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    static final SecureRandom RANDOM = new SecureRandom();

    /** Injected by {@link OtlpReceiver#inject}. */
    OtlpReceiver otlp;

    static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
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
