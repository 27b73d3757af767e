package dev.paymesh.gateway.mesh;

import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.paymesh.gateway.mesh.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.restassured.http.ContentType;

/**
 * The gateway with its production fraud timeout (1 s) against fraud checks forced slow (1.5 s): every attempt is cut,
 * and cut on the wire too, not only for the caller.
 */
class FraudTimeoutIT {

    static Mesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = Mesh.start(Map.of("payment-gateway", Map.of("FRAUD_TIMEOUT_MS", "1000")));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void eachAttemptCutAtTheTimeoutEndsItsHttpRequestAsAnError() {
        String id = given().baseUri(mesh.gateway.url()).contentType(ContentType.JSON)
                .header("baggage", "paymesh.fault=fraud-slow").body(MeshTraceIT.LAB_PAYMENT).post("/api/payments")
                .then().statusCode(201).body("status", equalTo("PENDING_REVIEW"))
                .body("fraudDecision", equalTo("UNAVAILABLE")).extract().path("id");

        // The call and two retries; a cut attempt's span may end after the payment's and arrive in a later export.
        TraceTree trace = await("trace of " + id).atMost(MeshTraceIT.EXPORT_WAIT).until(() -> mesh.traceOfPayment(id),
                tree -> tree != null && tree.spans().stream().anyMatch(span -> span.name().equals("INSERT payment"))
                        && tree.childrenOf(externalCall(tree)).size() >= 3);
        ReceivedSpan external = externalCall(trace);
        assertEquals(StatusCode.STATUS_CODE_ERROR, external.status(), trace.toString());
        List<ReceivedSpan> attempts = trace.childrenOf(external);
        assertEquals(3, attempts.size(), "the call and two retries\n" + trace);
        // Fault Tolerance's @Timeout fails an attempt without cancelling its request: without the REST client's own
        // read timeout, each request ran on beside the retries and ended 200 after 1.5 s.
        for (ReceivedSpan attempt : attempts) {
            assertAll(attempt.toString(),
                    () -> assertEquals(SPAN_KIND_CLIENT, attempt.kind()),
                    () -> assertEquals(StatusCode.STATUS_CODE_ERROR, attempt.status()),
                    () -> assertNull(attempt.attribute("http.response.status_code"), "no answer arrived in time"));
        }
    }

    private static ReceivedSpan externalCall(TraceTree trace) {
        return trace.childOf(trace.only("payment-gateway", "POST /api/payments"), "payment-gateway", SPAN_KIND_INTERNAL,
                "External API Call");
    }
}
