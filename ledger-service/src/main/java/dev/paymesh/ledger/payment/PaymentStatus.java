package dev.paymesh.ledger.payment;

/** Lifecycle of a payment; {@link PaymentAction} defines the legal moves between these states. */
public enum PaymentStatus {
    PENDING,
    PENDING_REVIEW,
    APPROVED,
    DECLINED,
    REFUNDED
}
