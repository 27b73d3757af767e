package dev.paymesh.fraud.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** An HTTP error becomes a problem with its own status, also one Jakarta REST's Response.Status has no name for. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void anUnnamedStatusKeepsItsCode() {
        Response problem = mappers.http(new WebApplicationException(Response.status(422, "Unprocessable Content").build()));
        assertEquals(422, problem.getStatus());
        assertEquals(422, ((Map<?, ?>) problem.getEntity()).get("status"));
        assertEquals("application/problem+json", problem.getMediaType().toString());
    }
}
