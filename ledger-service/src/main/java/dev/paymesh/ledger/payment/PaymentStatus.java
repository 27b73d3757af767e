package dev.paymesh.ledger.payment;

/** Lifecycle of a payment; {@link PaymentAction} defines the legal moves between these states. */
public enum PaymentStatus {
    PENDING,
    PENDING_REVIEW,
    APPROVED,
    DECLINED,
    REFUNDED;

    /**
     * Whether a payment may be stored in this state: the ones the fraud decision gives. APPROVED and REFUNDED are
     * reached through an {@link PaymentAction} only, since that is what books their journal entry; a payment stored
     * as approved would have none, and its refund would reverse an approval never booked.
     */
    public boolean isInitial() {
        return this == PENDING || this == PENDING_REVIEW || this == DECLINED;
    }
}
