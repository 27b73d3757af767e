package dev.paymesh.gateway.fraud;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * The call to fraud-service with its fault-tolerance policy: each attempt is cut at the timeout
 * ({@code FRAUD_TIMEOUT_MS}), failed attempts are retried, and a failing fraud-service opens the circuit so payments
 * stop waiting on it. Kept apart from {@link FraudClient}, which puts the verdict on the step span, because an attempt
 * that timed out may still answer later: only the verdict of the attempt that counted may reach the span.
 */
@ApplicationScoped
@Timeout // its budget is paymesh.fraud.timeout-ms (application.properties), which also cuts the HTTP request
class FaultTolerantFraudCheck {

    private final FraudRestClient rest;

    FaultTolerantFraudCheck(@RestClient FraudRestClient rest) {
        this.rest = rest;
    }

    // An open circuit answers at once: retrying it would only delay the payment by the retries' delays.
    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    Uni<FraudVerdict> check(String customerId, String amount, String currency, String paymentKey) {
        return rest.check(customerId, amount, currency, paymentKey).invoke(verdict -> {
            if (!verdict.isValid()) {
                throw new IllegalStateException("fraud-service answered without a valid score and decision: " + verdict);
            }
        });
    }
}
