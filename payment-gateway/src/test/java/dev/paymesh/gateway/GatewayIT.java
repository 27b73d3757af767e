package dev.paymesh.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paymesh.gateway.mesh.OtlpReceiver;
import dev.paymesh.gateway.mesh.OtlpReceiver.ReceivedSpan;
import dev.paymesh.gateway.mesh.Traceparent;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged gateway (fast-jar, or the native executable with {@code -Pnative}) alone: every malformed request of
 * {@link BadInputTest} is rejected before any downstream call, {@code /health} answers, and the rejection is traced.
 * fraud-service and ledger-service are not running; {@code mesh.MeshTraceIT} covers the gateway with them.
 */
@QuarkusIntegrationTest
@WithTestResource(OtlpReceiverResource.class)
class GatewayIT extends BadInputTest {

    /** Injected by {@link OtlpReceiverResource#inject}. */
    OtlpReceiver otlp;

    @Test
    void healthIsUpWithoutDownstreamServices() {
        given().get("/health").then().statusCode(200).contentType("application/json").body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aRejectedPaymentIsTracedWithItsValidationSpan() {
        Traceparent caller = Traceparent.random();
        String traceId = caller.traceId();
        given().header("traceparent", caller.header(true)).contentType("application/json")
                .body("{\"amount\":10.001,\"currency\":\"EUR\",\"customerId\":\"CUST1\"}")
                .post(PAYMENTS).then().statusCode(400);

        List<ReceivedSpan> trace = await("gateway spans of trace " + traceId).atMost(Duration.ofSeconds(20))
                .until(() -> otlp.trace(traceId), spans -> spans.size() >= 2);
        ReceivedSpan server = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        ReceivedSpan validate = trace.stream().filter(span -> span.name().equals("Validate Payment")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("POST /api/payments", server.name()),
                () -> assertEquals(caller.parentSpanId(), server.parentSpanId()),
                () -> assertEquals("payment-gateway", server.service()),
                () -> assertEquals("400", server.attribute("http.response.status_code")),
                () -> assertEquals(server.spanId(), validate.parentSpanId()),
                () -> assertEquals(StatusCode.STATUS_CODE_ERROR, validate.status()),
                () -> assertEquals("CUST1", validate.attribute("customer.id")),
                () -> assertEquals(2, trace.size(), "no downstream call: " + trace));
    }
}
