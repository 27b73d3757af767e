package dev.paymesh.gateway.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The lab's {@code {"paymentId":"PAY001","action":"approve"}}. */
public record ProcessRequest(
        @NotNull @Pattern(regexp = PaymentResource.PAYMENT_ID, message = "must look like PAY001") String paymentId,
        @NotNull Action action) {

    public enum Action {
        APPROVE,
        DECLINE,
        REFUND
    }
}
