package dev.paymesh.ledger.payment;

/**
 * A request carried an idempotency key already stored with a different payment. Answering with the stored payment
 * would acknowledge a payment that was never stored, so the request is refused (422, as the IETF Idempotency-Key
 * draft asks).
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used for a different payment: a new payment needs a new key");
    }
}
