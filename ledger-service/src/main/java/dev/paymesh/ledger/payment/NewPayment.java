package dev.paymesh.ledger.payment;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the gateway asks the ledger to store: a validated payment and the fraud decision that set its status. */
public record NewPayment(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotBlank @Size(max = 64) String customerId,
        @Size(max = 255) String description,
        @NotNull PaymentStatus status,
        @Pattern(regexp = "APPROVE|REVIEW|DECLINE|UNAVAILABLE") String fraudDecision,
        @Min(0) @Max(100) Integer fraudScore,
        @Size(max = 128) String idempotencyKey) {
}
