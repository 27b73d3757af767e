package dev.paymesh.gateway.fraud;

import jakarta.enterprise.context.ApplicationScoped;

import dev.paymesh.gateway.payment.ValidPayment;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * The fraud check as the lab's "External API Call" span: it wraps all attempts of {@link FaultTolerantFraudCheck},
 * so retries show as sibling CLIENT spans, a final failure marks this span as an error, and the verdict it records
 * is the one the payment gets. There is deliberately no fallback here: the caller decides what an unchecked payment
 * becomes.
 */
@ApplicationScoped
public class FraudClient {

    private final FaultTolerantFraudCheck check;

    FraudClient(FaultTolerantFraudCheck check) {
        this.check = check;
    }

    @WithSpan("External API Call")
    public Uni<FraudVerdict> assess(ValidPayment payment, String paymentKey) {
        Span span = Span.current();
        return check.check(payment.customerId(), payment.amount().toPlainString(), payment.currency(), paymentKey)
                .invoke(verdict -> span
                        .setAttribute("fraud.score", verdict.score())
                        .setAttribute("fraud.decision", verdict.decision()));
    }
}
