package dev.paymesh.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.paymesh.gateway.ledger.LedgerRejectedException;

/** How failures become problems: the ledger's refusals keep its status, outages say how to retry safely. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aKeyTheLedgerFoundReusedIsUnprocessableContent() {
        Response reused = mappers.rejected(new LedgerRejectedException(422, "used for a different payment"));
        assertEquals(422, reused.getStatus());
        assertEquals("Unprocessable Content", ((Map<?, ?>) reused.getEntity()).get("title"));
        assertEquals("used for a different payment", ((Map<?, ?>) reused.getEntity()).get("detail"));
    }

    @Test
    void otherRefusalsKeepTheirStatus() {
        assertEquals(409, mappers.rejected(new LedgerRejectedException(409, "illegal transition")).getStatus());
        assertEquals(418, mappers.rejected(new LedgerRejectedException(418, "no name in Response.Status")).getStatus());
    }

    @Test
    void aLedgerOutageTellsHowToRetryWhatWasSent() {
        assertTrue(ProblemMappers.howToRetry("POST", false, true).contains("same Idempotency-Key"));
        assertTrue(ProblemMappers.howToRetry("POST", false, false).contains("look for it"));
        assertTrue(ProblemMappers.howToRetry("POST", true, false).contains("read the payment"));
        assertTrue(ProblemMappers.howToRetry("POST", true, true).contains("read the payment"));
        assertTrue(ProblemMappers.howToRetry("GET", false, false).contains("Nothing was changed"));
    }
}
