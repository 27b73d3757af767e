package dev.paymesh.gateway.rest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.paymesh.gateway.ledger.LedgerRejectedException;
import dev.paymesh.gateway.ledger.LedgerUnavailableException;
import dev.paymesh.gateway.payment.IdempotencyKeyReusedException;
import dev.paymesh.gateway.payment.InvalidPaymentException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/** Every error leaves the gateway as an RFC 7807 problem ({@code application/problem+json}). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    /** 422 (RFC 9110), which Jakarta REST 3.1's {@code Response.Status} does not name. */
    static final Response.StatusType UNPROCESSABLE_CONTENT = Response.status(422, "Unprocessable Content").build()
            .getStatusInfo();

    @ServerExceptionMapper
    public Response invalidPayment(InvalidPaymentException e) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage(), Map.of("violations", e.violations()));
    }

    // Quarkus REST throws its own subclass and maps it with a built-in mapper; naming it here takes precedence.
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e) {
        List<InvalidPaymentException.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new InvalidPaymentException.Violation(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(Response.Status.BAD_REQUEST, "The request is invalid", Map.of("violations", violations));
    }

    // Quarkus REST ships its own mappers for the Jackson subclasses; naming them here takes precedence.
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class })
    public Response unreadable(JsonProcessingException e) {
        return problem(Response.Status.BAD_REQUEST, unreadableDetail(e), Map.of());
    }

    /** Jackson's own messages name Java types; the client is told the field it sent and what it must be. */
    static String unreadableDetail(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            // A syntax error: Jackson says where, in the client's own terms.
            return "The body is not valid JSON: " + e.getOriginalMessage();
        }
        String field = mapping.getPath().stream()
                .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return "The body must be a JSON object with this resource's fields";
        }
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return field + " must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT)).toList();
        }
        return field + " has the wrong JSON type or format";
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return problem(UNPROCESSABLE_CONTENT, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response rejected(LedgerRejectedException e) {
        return problem(statusOf(e.status()), e.getMessage(), Map.of());
    }

    @ServerExceptionMapper({ LedgerUnavailableException.class, FaultToleranceException.class })
    public Response unavailable(RuntimeException e, ContainerRequestContext request, SimpleResourceInfo resource) {
        LOG.errorf("Ledger unavailable: %s", e.toString());
        // By the method that ran, not the path: /process/ and /process;x=1 reach it too.
        boolean transition = resource != null && "process".equals(resource.getMethodName());
        return problem(Response.Status.SERVICE_UNAVAILABLE, "The ledger is unreachable or did not answer in time. "
                + howToRetry(request.getMethod(), transition,
                        request.getHeaderString(PaymentResource.IDEMPOTENCY_KEY) != null), Map.of());
    }

    /** A write may have committed before the timeout: the client cannot know, so it is told how to retry safely. */
    static String howToRetry(String method, boolean transition, boolean sentAKey) {
        if (!"POST".equals(method)) {
            return "Nothing was changed: try again later.";
        }
        if (transition) {
            return "The action may or may not have been applied: read the payment before sending it again.";
        }
        if (!sentAKey) {
            return "The payment may or may not have been stored: look for it before sending it again, since without "
                    + "an Idempotency-Key a retry may store it twice.";
        }
        return "The payment may or may not have been stored: retry it with the same Idempotency-Key, which stores "
                + "it at most once.";
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        return problem(e.getResponse().getStatusInfo(), e.getMessage(), Map.of());
    }

    static Response.StatusType statusOf(int code) {
        if (code == UNPROCESSABLE_CONTENT.getStatusCode()) {
            return UNPROCESSABLE_CONTENT;
        }
        Response.Status named = Response.Status.fromStatusCode(code);
        return named != null ? named : Response.status(code).build().getStatusInfo();
    }

    /** {@code process.request.paymentId} reads better as {@code paymentId}. */
    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static Response problem(Response.StatusType status, String detail, Map<String, Object> extensions) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        body.putAll(extensions);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
