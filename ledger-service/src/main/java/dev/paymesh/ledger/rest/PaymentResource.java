package dev.paymesh.ledger.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.paymesh.ledger.payment.NewPayment;
import dev.paymesh.ledger.payment.PaymentService;
import dev.paymesh.ledger.payment.PaymentStatus;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

@Path("/ledger/payments")
@Tag(name = "payments", description = "Payments as the gateway stores and moves them")
public class PaymentResource {

    private final PaymentService service;

    public PaymentResource(PaymentService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Store a payment once per idempotency key (201 new, 200 when the key was seen before with the same payment, 422 with another)")
    public Uni<Response> record(@Valid @NotNull NewPayment request) {
        // Captured now: by the time the chain completes, Span.current() may be a child span's.
        Span serverSpan = Span.current();
        return service.record(request).map(recorded -> {
            PaymentView view = PaymentView.of(recorded.payment());
            tag(serverSpan, view);
            Response.Status status = recorded.replayed() ? Response.Status.OK : Response.Status.CREATED;
            return Response.status(status).location(URI.create("/ledger/payments/" + view.id())).entity(view).build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One payment by its reference, e.g. PAY001")
    public Uni<PaymentView> find(@PathParam("id") String id) {
        Span serverSpan = Span.current();
        return service.find(id).map(PaymentView::of).invoke(view -> tag(serverSpan, view));
    }

    @GET
    @Path("/by-idempotency-key")
    @Operation(summary = "The payment stored under the key in the Idempotency-Key header; 204 when there is none")
    public Uni<Response> findByIdempotencyKey(
            // A header, not a path segment: a URL path would not carry keys such as "..", "a/b" or "a;b" as sent.
            @HeaderParam(NewPayment.IDEMPOTENCY_KEY_HEADER) @NotNull @Pattern(regexp = NewPayment.IDEMPOTENCY_KEY) String key) {
        Span serverSpan = Span.current();
        return service.findByIdempotencyKey(key).map(found -> found
                .map(payment -> {
                    PaymentView view = PaymentView.of(payment);
                    tag(serverSpan, view); // a replay: the trace names the payment it found
                    return Response.ok(view).build();
                })
                .orElseGet(() -> Response.noContent().build()));
    }

    @GET
    @Operation(summary = "A page of payments, optionally filtered by customer and status")
    public Uni<PaymentPage> list(@QueryParam("customerId") @Pattern(regexp = NewPayment.CUSTOMER_ID) String customerId,
            // Strings, not an enum and ints: JAX-RS answers 404 to a query parameter that does not convert; these give 400.
            @QueryParam("status") @Pattern(regexp = "PENDING|PENDING_REVIEW|APPROVED|DECLINED|REFUNDED") String status,
            @QueryParam("page") @DefaultValue("0") @Pattern(regexp = "\\d{1,5}") String page,
            @QueryParam("size") @DefaultValue("20") @Pattern(regexp = "[1-9]\\d?|100") String size) {
        return service.list(customerId, status == null ? null : PaymentStatus.valueOf(status), Integer.parseInt(page),
                Integer.parseInt(size)).map(PaymentPage::of);
    }

    @POST
    @Path("/{id}/transitions")
    @Operation(summary = "Apply approve, decline or refund; 409 when the payment's state forbids it")
    public Uni<PaymentView> transition(@PathParam("id") String id, @Valid @NotNull TransitionRequest request) {
        Span serverSpan = Span.current();
        return service.apply(id, request.action()).map(PaymentView::of).invoke(view -> tag(serverSpan, view));
    }

    private static void tag(Span span, PaymentView payment) {
        span.setAttribute("payment.id", payment.id())
                .setAttribute("payment.status", payment.status().name())
                .setAttribute("customer.id", payment.customerId());
    }
}
