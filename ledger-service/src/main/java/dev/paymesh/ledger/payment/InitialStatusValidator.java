package dev.paymesh.ledger.payment;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class InitialStatusValidator implements ConstraintValidator<InitialStatus, PaymentStatus> {

    @Override
    public boolean isValid(PaymentStatus status, ConstraintValidatorContext context) {
        // A missing status is reported by @NotNull.
        return status == null || status.isInitial();
    }
}
