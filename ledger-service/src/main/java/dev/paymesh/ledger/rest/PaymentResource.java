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
import dev.paymesh.ledger.payment.PaymentRepository;
import dev.paymesh.ledger.payment.PaymentService;
import dev.paymesh.ledger.payment.PaymentStatus;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/ledger/payments")
@Tag(name = "payments", description = "Payments as the gateway stores and moves them")
public class PaymentResource {

    private final PaymentService service;
    private final PaymentRepository payments;

    public PaymentResource(PaymentService service, PaymentRepository payments) {
        this.service = service;
        this.payments = payments;
    }

    @POST
    @Operation(summary = "Store a payment once per idempotency key (201 new, 200 when the key was seen before with the same payment, 422 with another)")
    public Uni<Response> record(@Valid @NotNull NewPayment request) {
        return service.record(request).map(recorded -> {
            PaymentView view = PaymentView.of(recorded.payment());
            tagSpan(view);
            Response.Status status = recorded.replayed() ? Response.Status.OK : Response.Status.CREATED;
            return Response.status(status).location(URI.create("/ledger/payments/" + view.id())).entity(view).build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One payment by its reference, e.g. PAY001")
    public Uni<PaymentView> find(@PathParam("id") String id) {
        return service.find(id).map(PaymentView::of).invoke(PaymentResource::tagSpan);
    }

    @GET
    @Path("/by-idempotency-key")
    @Operation(summary = "The payment stored under the key in the Idempotency-Key header; 204 when there is none")
    public Uni<Response> findByIdempotencyKey(
            // A header, not a path segment: a URL path would not carry keys such as "..", "a/b" or "a;b" as sent.
            @HeaderParam(NewPayment.IDEMPOTENCY_KEY_HEADER) @NotNull @Pattern(regexp = NewPayment.IDEMPOTENCY_KEY) String key) {
        return service.findByIdempotencyKey(key).map(found -> found
                .map(payment -> Response.ok(PaymentView.of(payment)).build())
                .orElseGet(() -> Response.noContent().build()));
    }

    @GET
    @WithSession
    @Operation(summary = "A page of payments, optionally filtered by customer and status")
    public Uni<PaymentPage> list(@QueryParam("customerId") @Pattern(regexp = NewPayment.CUSTOMER_ID) String customerId,
            // Strings, not an enum and ints: JAX-RS answers 404 to a query parameter that does not convert; these give 400.
            @QueryParam("status") @Pattern(regexp = "PENDING|PENDING_REVIEW|APPROVED|DECLINED|REFUNDED") String status,
            @QueryParam("page") @DefaultValue("0") @Pattern(regexp = "\\d{1,5}") String page,
            @QueryParam("size") @DefaultValue("20") @Pattern(regexp = "[1-9]\\d?|100") String size) {
        int pageIndex = Integer.parseInt(page);
        int pageSize = Integer.parseInt(size);
        var query = payments.search(customerId, status == null ? null : PaymentStatus.valueOf(status)).page(pageIndex, pageSize);
        return query.list().flatMap(items -> query.count().map(total -> new PaymentPage(
                items.stream().map(PaymentView::of).toList(), pageIndex, pageSize, total,
                (int) ((total + pageSize - 1) / pageSize))));
    }

    @POST
    @Path("/{id}/transitions")
    @Operation(summary = "Apply approve, decline or refund; 409 when the payment's state forbids it")
    public Uni<PaymentView> transition(@PathParam("id") String id, @Valid @NotNull TransitionRequest request) {
        return service.apply(id, request.action()).map(PaymentView::of).invoke(PaymentResource::tagSpan);
    }

    private static void tagSpan(PaymentView payment) {
        Span.current()
                .setAttribute("payment.id", payment.id())
                .setAttribute("payment.status", payment.status().name())
                .setAttribute("customer.id", payment.customerId());
    }
}
