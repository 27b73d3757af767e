package dev.paymesh.gateway.ledger;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** ledger-service's HTTP API (see its OpenAPI document at /q/openapi); only {@link LedgerClient} uses it. */
@Path("/ledger/payments")
@RegisterRestClient(configKey = "ledger-service")
interface LedgerRestClient {

    /** 200 with the payment stored under the key, 204 when there is none. */
    @GET
    @Path("/by-idempotency-key")
    Uni<RestResponse<LedgerPayment>> findByIdempotencyKey(@HeaderParam("Idempotency-Key") String key);

    /** 201 when stored now, 200 when the key was stored before with this payment, 422 with another. */
    @POST
    Uni<LedgerPayment> record(NewLedgerPayment payment);

    @GET
    @Path("/{id}")
    Uni<LedgerPayment> find(@PathParam("id") String id);

    @GET
    Uni<PaymentPage> list(@QueryParam("customerId") String customerId, @QueryParam("status") String status,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("/{id}/transitions")
    Uni<LedgerPayment> transition(@PathParam("id") String id, Map<String, String> transition);
}
