package dev.paymesh.gateway.payment;

import java.math.BigDecimal;

/** A payment request that passed validation; its amount carries exactly its currency's minor units. */
public record ValidPayment(BigDecimal amount, String currency, String customerId, String description) {
}
