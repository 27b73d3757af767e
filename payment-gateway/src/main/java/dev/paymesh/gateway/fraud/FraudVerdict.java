package dev.paymesh.gateway.fraud;

/**
 * fraud-service's answer; {@link #unavailable()} stands in when it could not answer in time. Its score is
 * {@code null}, not 0: a payment nobody scored must not look risk-free in the ledger.
 */
public record FraudVerdict(Integer score, String decision) {

    public static final String APPROVE = "APPROVE";
    public static final String DECLINE = "DECLINE";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    public static FraudVerdict unavailable() {
        return new FraudVerdict(null, UNAVAILABLE);
    }

    /** An answer without a score or a decision scored nothing, whatever its status code said. */
    boolean isComplete() {
        return score != null && decision != null;
    }
}
