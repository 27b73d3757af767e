package dev.paymesh.gateway.payment;

import java.util.List;

public class InvalidPaymentException extends RuntimeException {

    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidPaymentException(List<Violation> violations) {
        super("The payment is invalid");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
