package dev.paymesh.gateway.fraud;

import java.util.Set;

/**
 * fraud-service's answer; {@link #unavailable()} stands in when it could not answer in time. Its score is
 * {@code null}, not 0: a payment nobody scored must not look risk-free in the ledger.
 */
public record FraudVerdict(Integer score, String decision) {

    public static final String APPROVE = "APPROVE";
    public static final String REVIEW = "REVIEW";
    public static final String DECLINE = "DECLINE";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    private static final Set<String> DECISIONS = Set.of(APPROVE, REVIEW, DECLINE);

    public static FraudVerdict unavailable() {
        return new FraudVerdict(null, UNAVAILABLE);
    }

    /**
     * Whether fraud-service really scored the payment: an answer without a score in 0..100, or with a decision it
     * does not make, scored nothing, whatever its status code said (and the ledger would refuse it, as if the
     * client's payment were invalid).
     */
    boolean isValid() {
        return score != null && score >= 0 && score <= 100 && decision != null && DECISIONS.contains(decision);
    }
}
