package dev.paymesh.fraud;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/** The server span in-process, through the CDI exporter (FraudServiceIT checks the same over real OTLP). */
@QuarkusTest
class FraudCheckSpanTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void serverSpanCarriesTheDecision() {
        spans.reset();
        String customer = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        given().queryParam("customerId", customer).queryParam("amount", "5000").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(200);

        SpanData server = await().atMost(Duration.ofSeconds(30)).until(
                () -> spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER
                                && customer.equals(span.getAttributes().get(AttributeKey.stringKey("customer.id"))))
                        .findFirst().orElse(null),
                span -> span != null);
        assertEquals("GET /fraud-check", server.getName());
        assertEquals("REVIEW", server.getAttributes().get(AttributeKey.stringKey("fraud.decision")));
        assertEquals(50L, server.getAttributes().get(AttributeKey.longKey("fraud.score")));
    }

    @Test
    void aFailedCheckStillNamesItsCustomer() {
        spans.reset();
        String customer = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        // Found by its trace, not its customer: the customer is what this test checks. A late span of another test
        // can reach the exporter after the reset.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        given().header("baggage", "paymesh.fault=fraud-error")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .queryParam("customerId", customer).queryParam("amount", "10").queryParam("currency", "EUR")
                .get("/fraud-check").then().statusCode(503);

        // The error span a TraceQL search for the customer's failures must find: {status=error && span.customer.id=...}
        SpanData server = await().atMost(Duration.ofSeconds(30)).until(
                () -> spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId))
                        .findFirst().orElse(null),
                span -> span != null);
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals(customer, server.getAttributes().get(AttributeKey.stringKey("customer.id")));
        assertNull(server.getAttributes().get(AttributeKey.stringKey("fraud.decision")), "nothing was decided");
    }
}
