package dev.paymesh.gateway.fraud;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** fraud-service's HTTP API; only {@link FaultTolerantFraudCheck} uses it, with its fault-tolerance policy. */
@Path("/fraud-check")
@RegisterRestClient(configKey = "fraud-service")
interface FraudRestClient {

    /** {@code paymentKey} goes as the {@code Idempotency-Key} header: a retried check then counts once. */
    @GET
    Uni<FraudVerdict> check(@QueryParam("customerId") String customerId, @QueryParam("amount") String amount,
            @QueryParam("currency") String currency, @HeaderParam("Idempotency-Key") String paymentKey);
}
