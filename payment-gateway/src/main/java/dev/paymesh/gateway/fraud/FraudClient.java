package dev.paymesh.gateway.fraud;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.paymesh.gateway.payment.ValidPayment;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * The fraud check with its fault-tolerance policy: each attempt is cut at the timeout ({@code FRAUD_TIMEOUT_MS}),
 * failed attempts are retried, and a failing fraud-service opens the circuit so payments stop waiting on it. The lab's "External API Call" span
 * wraps all attempts, so retries show as sibling CLIENT spans and a final failure marks this span as an error.
 * There is deliberately no fallback here: the caller decides what an unchecked payment becomes.
 */
@ApplicationScoped
@Timeout(value = 1000, unit = ChronoUnit.MILLIS)
public class FraudClient {

    private final FraudRestClient rest;

    public FraudClient(@RestClient FraudRestClient rest) {
        this.rest = rest;
    }

    @WithSpan("External API Call")
    @Retry(maxRetries = 2, delay = 50, jitter = 25)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<FraudVerdict> assess(ValidPayment payment, String paymentKey) {
        Span span = Span.current();
        return rest.check(payment.customerId(), payment.amount().toPlainString(), payment.currency(), paymentKey)
                .invoke(verdict -> span
                        .setAttribute("fraud.score", verdict.score())
                        .setAttribute("fraud.decision", verdict.decision()));
    }
}
