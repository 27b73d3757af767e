package dev.paymesh.ledger.payment;

public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String reference, PaymentStatus from, PaymentAction action) {
        super("Payment " + reference + " is " + from + ": " + action.name().toLowerCase() + " is not allowed");
    }
}
