package dev.paymesh.ledger.payment;

import java.util.Set;

/** The actions of {@code POST /api/payments/process}: each one is legal from a fixed set of states only. */
public enum PaymentAction {
    APPROVE(Set.of(PaymentStatus.PENDING, PaymentStatus.PENDING_REVIEW), PaymentStatus.APPROVED),
    DECLINE(Set.of(PaymentStatus.PENDING, PaymentStatus.PENDING_REVIEW), PaymentStatus.DECLINED),
    REFUND(Set.of(PaymentStatus.APPROVED), PaymentStatus.REFUNDED);

    private final Set<PaymentStatus> allowedFrom;
    private final PaymentStatus target;

    PaymentAction(Set<PaymentStatus> allowedFrom, PaymentStatus target) {
        this.allowedFrom = allowedFrom;
        this.target = target;
    }

    public boolean isAllowedFrom(PaymentStatus status) {
        return allowedFrom.contains(status);
    }

    public PaymentStatus target() {
        return target;
    }
}
