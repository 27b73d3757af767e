package dev.paymesh.gateway.payment;

import java.math.BigDecimal;
import java.util.Objects;

import dev.paymesh.gateway.ledger.LedgerPayment;

/** A payment request that passed validation; its amount carries exactly its currency's minor units. */
public record ValidPayment(BigDecimal amount, String currency, String customerId, String description) {

    /** Whether {@code stored}, found under this request's idempotency key, is this payment (so the request is a retry). */
    public boolean isStoredAs(LedgerPayment stored) {
        return amount.compareTo(stored.amount()) == 0 && currency.equals(stored.currency())
                && customerId.equals(stored.customerId()) && Objects.equals(description, stored.description());
    }
}
