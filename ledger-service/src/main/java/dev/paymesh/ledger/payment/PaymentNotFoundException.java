package dev.paymesh.ledger.payment;

public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(String reference) {
        super("Payment " + reference + " does not exist");
    }
}
