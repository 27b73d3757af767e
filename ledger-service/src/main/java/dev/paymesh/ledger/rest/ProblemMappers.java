package dev.paymesh.ledger.rest;

import java.net.ConnectException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.HibernateException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.paymesh.ledger.payment.IdempotencyKeyReusedException;
import dev.paymesh.ledger.payment.IllegalTransitionException;
import dev.paymesh.ledger.payment.PaymentNotFoundException;
import dev.paymesh.ledger.payment.SqlState;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.VertxException;

/**
 * Every error leaves as an RFC 7807 problem; storage failures are 503 so the gateway never reports an unsaved write,
 * and data PostgreSQL refuses is a 400, which the gateway passes on instead of retrying.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    /** 422 (RFC 9110), which Jakarta REST 3.1's {@code Response.Status} does not name. */
    static final Response.StatusType UNPROCESSABLE_CONTENT = Response.status(422, "Unprocessable Content").build()
            .getStatusInfo();

    @ServerExceptionMapper
    public Response notFound(PaymentNotFoundException e) {
        return problem(Response.Status.NOT_FOUND, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return problem(UNPROCESSABLE_CONTENT, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return problem(Response.Status.CONFLICT, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentUpdate(Exception e) {
        return problem(Response.Status.CONFLICT, "The payment was changed by a concurrent request", Map.of());
    }

    // Quarkus REST throws its own subclass and maps it with a built-in mapper; naming it here takes precedence.
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
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
    public Response http(WebApplicationException e) {
        return problem(e.getResponse().getStatusInfo(), e.getMessage(), Map.of());
    }

    @ServerExceptionMapper({ HibernateException.class, VertxException.class, ConnectException.class })
    public Response storageFailure(Exception e) {
        String state = SqlState.of(e);
        if (SqlState.isDataRefusal(state)) {
            // Retrying cannot help: the same data would be refused again, so this is the caller's 400, not a 503.
            // The SQLSTATE only: the driver's message may quote the statement and its values.
            LOG.warnf("Data refused by PostgreSQL: %s", e.toString());
            return problem(Response.Status.BAD_REQUEST, "The ledger's database refused the data (SQLSTATE " + state + ")",
                    Map.of());
        }
        LOG.errorf(e, "Storage failure");
        return problem(Response.Status.SERVICE_UNAVAILABLE, "The ledger's database is unavailable", Map.of());
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
