package dev.paymesh.gateway.observability;

import dev.paymesh.gateway.ledger.LedgerPayment;
import io.opentelemetry.api.trace.Span;

/** The payment's business attributes on the request's SERVER span (the README's trace contract). */
public final class PaymentSpanAttributes {

    private PaymentSpanAttributes() {
    }

    /** What the payment is now, as the ledger answered it. */
    public static void tag(Span span, LedgerPayment payment) {
        span.setAttribute("payment.id", payment.id())
                // A number, so that TraceQL can compare it ({span.payment.amount > 500}); the exact amount is the ledger's.
                .setAttribute("payment.amount", payment.amount().doubleValue())
                .setAttribute("payment.currency", payment.currency())
                .setAttribute("payment.status", payment.status())
                .setAttribute("customer.id", payment.customerId());
    }

    /** The fraud verdict the payment was stored with; none when fraud-service could not score it. */
    public static void tagFraudVerdict(Span span, LedgerPayment payment) {
        if (payment.fraudDecision() != null) {
            span.setAttribute("fraud.decision", payment.fraudDecision());
        }
        if (payment.fraudScore() != null) {
            span.setAttribute("fraud.score", payment.fraudScore());
        }
    }
}
