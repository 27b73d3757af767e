package dev.paymesh.gateway.mesh;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * What a rolling update does to the mesh: each service gets SIGTERM while a payment is in flight. The gateway and
 * ledger-service hold a shutdown delay, as in Kubernetes (readiness DOWN, requests still answered); fraud-service
 * holds none, so it goes straight to draining what is in flight.
 */
class GracefulShutdownIT {

    static final Duration DELAY = Duration.ofSeconds(5);
    static final Pattern ACTIVE_REQUESTS = Pattern.compile("(?m)^http_server_active_requests\\{[^}]*} (\\d+)\\.0$");
    /** HTTP/1.1, as the gateway's REST client and Kubernetes probes speak it (Java's client would upgrade to h2c). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Mesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        Map<String, String> delayed = Map.of("QUARKUS_SHUTDOWN_DELAY", DELAY.toSeconds() + "s");
        mesh = Mesh.start(Map.of("payment-gateway", delayed, "ledger-service", delayed));
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aPaymentInFlightIsAnsweredWhileItsServicesStop() throws Exception {
        // fraud-slow holds the fraud check for 1.5 s (the gateway's fraud timeout is 15 s in this mesh).
        CompletableFuture<HttpResponse<String>> payment = HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create(mesh.gateway.url() + "/api/payments"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("baggage", "paymesh.fault=fraud-slow")
                .POST(HttpRequest.BodyPublishers.ofString(MeshTraceIT.LAB_PAYMENT)).build(),
                HttpResponse.BodyHandlers.ofString());
        // The scrape is itself an active request: a second one is the fraud check.
        await("the fraud check in flight").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> activeRequests(mesh.fraud) >= 2);

        mesh.fraud.terminate();
        mesh.gateway.terminate();

        await("the gateway's readiness DOWN during its delay").atMost(DELAY)
                .until(() -> readinessStatus(mesh.gateway) == 503);
        JsonPath readiness = JsonPath.from(readiness(mesh.gateway).body());
        assertEquals("DOWN", readiness.getString("checks.find { it.name == 'Graceful Shutdown' }.status"),
                readiness.prettify());
        // Still answering: a client routed here before the endpoints were updated gets its reply.
        given().baseUri(mesh.gateway.url()).get("/api/payments/PAY001").then().statusCode(200);

        HttpResponse<String> answered = payment.get();
        assertEquals(201, answered.statusCode(), answered.body());
        JsonPath created = JsonPath.from(answered.body());
        // APPROVE, not the fallback's UNAVAILABLE: fraud-service finished the check it had started.
        assertEquals("APPROVE", created.getString("fraudDecision"), answered.body());
        await("fraud-service and the gateway gone").atMost(Duration.ofSeconds(30))
                .until(() -> mesh.fraud.exited() && mesh.gateway.exited());
        given().baseUri(mesh.ledger.url()).get("/ledger/payments/" + created.getString("id")).then().statusCode(200)
                .body("status", equalTo("PENDING"));

        mesh.ledger.terminate();
        await("ledger-service's readiness DOWN during its delay").atMost(DELAY)
                .until(() -> readinessStatus(mesh.ledger) == 503);
        await("ledger-service gone").atMost(Duration.ofSeconds(30)).until(mesh.ledger::exited);
    }

    private static int activeRequests(ServiceProcess service) {
        String metrics = given().baseUri(service.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher active = ACTIVE_REQUESTS.matcher(metrics);
        return active.find() ? Integer.parseInt(active.group(1)) : 0;
    }

    /** The readiness status, or 0 once the service no longer takes connections (it stopped without reporting DOWN). */
    private static int readinessStatus(ServiceProcess service) throws Exception {
        try {
            return readiness(service).statusCode();
        } catch (ConnectException gone) {
            return 0;
        }
    }

    private static HttpResponse<String> readiness(ServiceProcess service) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
