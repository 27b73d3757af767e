package dev.paymesh.fraud.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paymesh.fraud.FraudCheckResourceTest;
import dev.paymesh.fraud.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * fraud-service as it ships: the packaged fast-jar, or the native executable with {@code -Pnative}. It runs every test
 * of {@link FraudCheckResourceTest} against that process, plus what only the packaged app shows: health, OpenAPI and
 * the spans it exports over OTLP to {@link OtlpReceiver}.
 */
@QuarkusIntegrationTest
@WithTestResource(OtlpReceiver.class)
@WithTestResource(FraudServiceIT.NoSimulatedFaults.class)
class FraudServiceIT extends FraudCheckResourceTest {

    static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The packaged app runs the prod profile: its simulated latency and failures would make answers random, and it
     * ignores baggage faults.
     */
    public static class NoSimulatedFaults implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "fraud.simulation.latency-base", "0ms",
                    "fraud.simulation.latency-jitter", "0ms",
                    "fraud.simulation.slow-path-probability", "0",
                    "fraud.simulation.failure-rate", "0",
                    "fraud.simulation.honour-baggage", "true");
        }

        @Override
        public void stop() {
        }
    }

    /** Injected by {@link OtlpReceiver#inject}. */
    OtlpReceiver otlp;

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
