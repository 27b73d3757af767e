package dev.paymesh.gateway.payment;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

public class InvalidPaymentException extends RuntimeException {

    /**
     * Serialized by Jackson only as an element inside the {@code Map} body of a {@code Response} built by
     * {@code ProblemMappers}, where Quarkus cannot see it at build time: without this, the native executable would
     * answer 500 instead of the 400 problem (no serializer for an empty bean).
     */
    @RegisterForReflection
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
