package dev.paymesh.gateway.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paymesh.gateway.ledger.LedgerClient;
import dev.paymesh.gateway.ledger.LedgerPayment;
import dev.paymesh.gateway.ledger.PaymentPage;
import dev.paymesh.gateway.observability.PaymentSpanAttributes;
import dev.paymesh.gateway.payment.PaymentRequest;
import dev.paymesh.gateway.payment.PaymentService;
import dev.paymesh.gateway.payment.PaymentValidator;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/**
 * The lab's payment API. JSON is declared, not left to the written entity: a client that accepts no JSON is refused
 * before a payment is checked and stored, not after.
 */
@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    static final String PAYMENT_ID = "PAY\\d{1,18}";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final PaymentService payments;
    private final LedgerClient ledger;

    public PaymentResource(PaymentService payments, LedgerClient ledger) {
        this.payments = payments;
        this.ledger = ledger;
    }

    @POST
    @Operation(summary = "Create a payment: validated, fraud-checked and stored; 201 with its status and fraud decision; 422 when the Idempotency-Key was used for another payment")
    public Uni<Response> create(PaymentRequest request,
            @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 128) @Pattern(regexp = "[\\x21-\\x7E]+") String idempotencyKey,
            @Context UriInfo uri) {
        // Captured now: by the time the chain completes, Span.current() may be a child span's.
        Span serverSpan = Span.current();
        return payments.create(request, idempotencyKey).map(created -> {
            LedgerPayment payment = created.payment();
            PaymentSpanAttributes.tag(serverSpan, payment);
            PaymentSpanAttributes.tagFraudVerdict(serverSpan, payment);
            return Response.created(uri.getBaseUriBuilder().path("api/payments").path(payment.id()).build())
                    .header(REPLAYED, created.replayed() ? "true" : null)
                    .entity(payment).build();
        });
    }

    @GET
    @Operation(summary = "A page of payments, optionally filtered by customerId and status")
    public Uni<PaymentPage> list(@QueryParam("customerId") @Pattern(regexp = PaymentValidator.CUSTOMER_ID_REGEX) String customerId,
            @QueryParam("status") @Pattern(regexp = "PENDING|PENDING_REVIEW|APPROVED|DECLINED|REFUNDED") String status,
            // Strings, not ints: JAX-RS answers 404 to a query parameter that does not convert; these give 400.
            @QueryParam("page") @DefaultValue("0") @Pattern(regexp = "\\d{1,5}") String page,
            @QueryParam("size") @DefaultValue("20") @Pattern(regexp = "[1-9]\\d?|100") String size) {
        return ledger.list(customerId, status, Integer.parseInt(page), Integer.parseInt(size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One payment, e.g. PAY001")
    public Uni<LedgerPayment> find(@PathParam("id") @Pattern(regexp = PAYMENT_ID, message = "must look like PAY001") String id) {
        Span serverSpan = Span.current();
        return ledger.find(id).invoke(payment -> PaymentSpanAttributes.tag(serverSpan, payment));
    }

    @POST
    @Path("/process")
    @Operation(summary = "Approve, decline or refund a payment; 404 unknown payment, 409 illegal transition")
    public Uni<LedgerPayment> process(@Valid @NotNull ProcessRequest request) {
        Span serverSpan = Span.current();
        return ledger.transition(request.paymentId(), request.action().name())
                .invoke(payment -> PaymentSpanAttributes.tag(serverSpan, payment));
    }
}
