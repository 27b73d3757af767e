package dev.paymesh.gateway.ledger;

import java.math.BigDecimal;

/** The body of ledger-service's {@code POST /ledger/payments}. */
public record NewLedgerPayment(
        BigDecimal amount,
        String currency,
        String customerId,
        String description,
        String status,
        String fraudDecision,
        Integer fraudScore,
        String idempotencyKey) {
}
