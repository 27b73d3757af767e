package dev.paymesh.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;

/** The lab's {@code GET /health}: the same report as SmallRye Health's {@code /q/health}, at the path the lab uses. */
@Path("/health")
public class HealthResource {

    private final SmallRyeHealthReporter reporter;

    public HealthResource(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Health of the gateway (the lab's endpoint; Kubernetes probes use /q/health/*)")
    public Uni<Response> health() {
        return reporter.getHealthAsync().map(health -> Response
                .status(health.isDown() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(health.getPayload().toString())
                .build());
    }
}
