package dev.paymesh.gateway.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.ConnectException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** Only the refusals a call expects are the ledger's verdict; any other answer means it did not do the work. */
class LedgerClientTest {

    @Test
    void anExpectedRefusalIsPassedOnWithItsStatus() {
        Throwable translated = LedgerClient.expecting(400, 404).apply(answer(404));
        assertEquals(404, assertInstanceOf(LedgerRejectedException.class, translated).status());
    }

    @Test
    void aRefusalTheCallNeverAnswersIsTheLedgersFaultNotTheClients() {
        // A LEDGER_SERVICE_URL pointing at another service answers 404 to a lookup: not the client's missing payment.
        assertInstanceOf(LedgerUnavailableException.class, LedgerClient.expecting(400).apply(answer(404)));
        assertInstanceOf(LedgerUnavailableException.class, LedgerClient.expecting(400).apply(answer(429)));
        assertInstanceOf(LedgerUnavailableException.class, LedgerClient.expecting(400).apply(answer(500)));
        assertInstanceOf(LedgerUnavailableException.class,
                LedgerClient.expecting(400).apply(new ConnectException("Connection refused")));
    }

    private static WebApplicationException answer(int status) {
        return new WebApplicationException(Response.status(status).build());
    }
}
