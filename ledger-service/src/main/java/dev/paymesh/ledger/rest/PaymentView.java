package dev.paymesh.ledger.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import dev.paymesh.ledger.payment.Payment;
import dev.paymesh.ledger.payment.PaymentStatus;

/** A payment as the ledger's HTTP API shows it. */
public record PaymentView(
        String id,
        BigDecimal amount,
        String currency,
        String customerId,
        String description,
        PaymentStatus status,
        String fraudDecision,
        Integer fraudScore,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    static PaymentView of(Payment payment) {
        return new PaymentView(payment.reference(), payment.displayAmount(), payment.currency, payment.customerId,
                payment.description, payment.status, payment.fraudDecision, payment.fraudScore, payment.createdAt,
                payment.updatedAt, payment.version);
    }
}
