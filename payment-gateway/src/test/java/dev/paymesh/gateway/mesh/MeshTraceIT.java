package dev.paymesh.gateway.mesh;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

class MeshTraceIT {

    static Mesh mesh;

    @BeforeAll
    static void startMesh() throws Exception {
        mesh = Mesh.start();
    }

    @AfterAll
    static void stopMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void printTree() {
        String id = given().baseUri(mesh.gateway.url()).contentType(ContentType.JSON)
                .body(Map.of("amount", 100.50, "currency", "EUR", "customerId", "CUST001", "description", "Test payment"))
                .post("/api/payments").then().statusCode(201).extract().path("id");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        mesh.otlp.spans().stream().map(OtlpReceiver.ReceivedSpan::traceId).distinct()
                .forEach(t -> System.out.println("TRACE " + t + "\n" + new TraceTree(mesh.otlp.trace(t))));
    }
}
