package dev.paymesh.gateway.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Calls to ledger-service. A refusal the call expects (a 4xx its API documents) is the ledger's verdict on what the
 * client sent and is passed on; anything else (a refused connection, a 5xx, or a 4xx the call never answers, such as
 * the 404 of a LEDGER_SERVICE_URL that points elsewhere) means the work may not have been done, so it becomes
 * {@link LedgerUnavailableException}. An attempt cut at the timeout
 * fails with Fault Tolerance's own TimeoutException, or as unavailable when the REST client's read timeout (the same
 * budget) ends the request first; both are answered 503.
 * Reads and the idempotent write are retried; a state transition is not, since it is not idempotent. Each attempt
 * is cut at the timeout ({@code LEDGER_TIMEOUT_MS}, see application.properties). A failing ledger opens each call's
 * circuit, so payments get their 503 at once instead of adding retries to a ledger that struggles; the refusals a
 * call expects are answers, not failures, and never open it.
 */
@ApplicationScoped
@Timeout // its budget is paymesh.ledger.timeout-ms (application.properties), which also cuts the HTTP request
@Retry(maxRetries = 2, delay = 50, jitter = 25,
        abortOn = { LedgerRejectedException.class, CircuitBreakerOpenException.class })
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = LedgerRejectedException.class)
public class LedgerClient {

    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int UNPROCESSABLE_CONTENT = 422;
    // Each call's translation, built once: the refusals its ledger endpoint documents.
    private static final Function<Throwable, Throwable> LOOKUP_FAILURE = expecting(BAD_REQUEST);
    private static final Function<Throwable, Throwable> WRITE_FAILURE = expecting(BAD_REQUEST, UNPROCESSABLE_CONTENT);
    private static final Function<Throwable, Throwable> READ_FAILURE = expecting(BAD_REQUEST, NOT_FOUND);
    private static final Function<Throwable, Throwable> TRANSITION_FAILURE = expecting(BAD_REQUEST, NOT_FOUND, CONFLICT);

    private final LedgerRestClient rest;

    public LedgerClient(@RestClient LedgerRestClient rest) {
        this.rest = rest;
    }

    @WithSpan("Database Query")
    public Uni<Optional<LedgerPayment>> findByIdempotencyKey(String key) {
        return rest.findByIdempotencyKey(key)
                .map(response -> response.getStatus() == Response.Status.OK.getStatusCode()
                        ? Optional.of(response.getEntity())
                        : Optional.<LedgerPayment> empty())
                .onFailure().transform(LOOKUP_FAILURE);
    }

    /**
     * Safe to retry: the idempotency key makes the ledger store the payment at most once, and a retry whose first
     * attempt was stored after all gets that payment back.
     */
    @WithSpan("Database Write")
    public Uni<LedgerPayment> record(NewLedgerPayment payment) {
        return rest.record(payment).onFailure().transform(WRITE_FAILURE);
    }

    public Uni<LedgerPayment> find(String id) {
        return rest.find(id).onFailure().transform(READ_FAILURE);
    }

    public Uni<PaymentPage> list(String customerId, String status, int page, int size) {
        return rest.list(customerId, status, page, size).onFailure().transform(LOOKUP_FAILURE);
    }

    @Retry(maxRetries = 0) // a transition is not idempotent: a retry could apply it twice
    public Uni<LedgerPayment> transition(String id, String action) {
        return rest.transition(id, Map.of("action", action)).onFailure().transform(TRANSITION_FAILURE);
    }

    /** Translates a call's failure: the given statuses are the ledger's refusals, anything else its unavailability. */
    static Function<Throwable, Throwable> expecting(Integer... refusals) {
        Set<Integer> expected = Set.of(refusals);
        return failure -> failure instanceof WebApplicationException http
                && expected.contains(http.getResponse().getStatus())
                        ? new LedgerRejectedException(http.getResponse().getStatus(), detailOf(http.getResponse()))
                        : new LedgerUnavailableException(failure);
    }

    private static String detailOf(Response response) {
        try {
            Object detail = response.readEntity(Map.class).get("detail");
            return detail != null ? detail.toString() : response.getStatusInfo().getReasonPhrase();
        } catch (RuntimeException unreadable) {
            return response.getStatusInfo().getReasonPhrase();
        }
    }
}
