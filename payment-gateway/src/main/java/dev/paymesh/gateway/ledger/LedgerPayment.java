package dev.paymesh.gateway.ledger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A payment as ledger-service stores it; the gateway's API returns it unchanged. */
public record LedgerPayment(
        String id,
        BigDecimal amount,
        String currency,
        String customerId,
        String description,
        String status,
        String fraudDecision,
        Integer fraudScore,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {
}
