package dev.paymesh.gateway.payment;

import java.math.BigDecimal;

/** The lab's payment body: {@code {"amount":100.50,"currency":"EUR","customerId":"CUST001","description":"..."}}. */
public record PaymentRequest(BigDecimal amount, String currency, String customerId, String description) {
}
