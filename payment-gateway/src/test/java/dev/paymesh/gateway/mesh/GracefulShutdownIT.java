package dev.paymesh.gateway.mesh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * What a rolling update does to the mesh: each service gets SIGTERM, the way Kubernetes stops a pod. The gateway and
 * ledger-service hold a shutdown delay, as in Kubernetes; fraud-service holds none, so it goes straight to draining.
 * The fraud check outlasts the gateway's delay, so the payment is finished by the gateway's drain, not its delay.
 */
class GracefulShutdownIT {

    static final Duration GATEWAY_DELAY = Duration.ofSeconds(5);
    /** Longer than the gateway's delay, shorter than fraud-service's drain (10 s) and the mesh's fraud timeout. */
    static final Duration FRAUD_CHECK = Duration.ofSeconds(8);
    static final Duration LEDGER_DELAY = Duration.ofSeconds(8);
    /** fraud-service's log line as a check forced slow starts (SimulatedProvider). */
    static final String SLOWED_DOWN = "Fraud check slowed down by " + FRAUD_CHECK.toMillis() + " ms";
    /** HTTP/1.1, as the gateway's REST client and Kubernetes probes speak it (Java's client would upgrade to h2c). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Mesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = Mesh.start(Map.of(
                "payment-gateway", Map.of("QUARKUS_SHUTDOWN_DELAY", GATEWAY_DELAY.toSeconds() + "s"),
                "ledger-service", Map.of("QUARKUS_SHUTDOWN_DELAY", LEDGER_DELAY.toSeconds() + "s"),
                "fraud-service", Map.of("FRAUD_SIMULATION_FORCED_SLOW_LATENCY", FRAUD_CHECK.toSeconds() + "s")));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aPaymentInFlightIsFinishedWhileItsServicesStop() throws Exception {
        CompletableFuture<HttpResponse<String>> payment = HTTP.sendAsync(request(mesh.gateway, "/api/payments")
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("baggage", "paymesh.fault=fraud-slow")
                .POST(HttpRequest.BodyPublishers.ofString(MeshTraceIT.LAB_PAYMENT)).build(),
                HttpResponse.BodyHandlers.ofString());
        // Logged by the check's own code, so both services have counted the request as in flight: an active-requests
        // gauge moves before Quarkus's shutdown filter counts it, and a SIGTERM in between would refuse the check.
        await("the fraud check in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> mesh.fraud.output().contains(SLOWED_DOWN));

        mesh.fraud.terminate();
        mesh.gateway.terminate();

        // Not ready from SIGTERM until it exits, delay and drain alike; the check exists only with delay-enabled.
        await("the gateway's readiness DOWN").atMost(Duration.ofSeconds(5))
                .until(() -> mesh.gateway.readinessStatus() == 503);
        JsonPath readiness = JsonPath.from(get(mesh.gateway, "/q/health/ready").body());
        assertEquals("DOWN", readiness.getString("checks.find { it.name == 'Graceful Shutdown' }.status"),
                readiness.prettify());
        assertEquals(200, get(mesh.gateway, "/api/payments/PAY001").statusCode(), "a stopping gateway still answers");

        HttpResponse<String> answered = payment.get(60, TimeUnit.SECONDS);
        assertEquals(201, answered.statusCode(), answered.body());
        JsonPath created = JsonPath.from(answered.body());
        // APPROVE, not the fallback's UNAVAILABLE: fraud-service finished the check it had started.
        assertEquals("APPROVE", created.getString("fraudDecision"), answered.body());
        await("fraud-service and the gateway gone").atMost(Duration.ofSeconds(30))
                .until(() -> mesh.fraud.exited() && mesh.gateway.exited());
        String stored = "/ledger/payments/" + created.getString("id");
        assertEquals(200, get(mesh.ledger, stored).statusCode(), "the payment the client was given is stored");

        // Nothing in flight: only the delay keeps ledger-service answering after its readiness reported DOWN.
        mesh.ledger.terminate();
        await("ledger-service's readiness DOWN").atMost(LEDGER_DELAY)
                .until(() -> mesh.ledger.readinessStatus() == 503);
        assertEquals(200, get(mesh.ledger, stored).statusCode(), "ledger-service answers during its delay");
        await("ledger-service gone").atMost(Duration.ofSeconds(30)).until(mesh.ledger::exited);
    }

    private static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return HTTP.send(request(service, path).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ServiceProcess service, String path) {
        return HttpRequest.newBuilder(URI.create(service.url() + path));
    }
}
