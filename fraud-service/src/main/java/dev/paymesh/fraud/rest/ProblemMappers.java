package dev.paymesh.fraud.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.paymesh.fraud.simulation.SimulatedFault;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/** Every error leaves as an RFC 7807 problem. */
public class ProblemMappers {

    private static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    // Quarkus REST throws its own subclass and maps it with a built-in mapper; naming it here takes precedence.
    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return problem(Response.Status.BAD_REQUEST, "The request is invalid", Map.of("violations", violations));
    }

    @ServerExceptionMapper
    public Response simulatedFault(SimulatedFault e) {
        return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // getStatusInfo, not Response.Status.fromStatusCode: that one has no name for 422 or 418, and answers null.
        return problem(e.getResponse().getStatusInfo(), e.getMessage(), Map.of());
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
