package dev.paymesh.fraud.rules;

public enum FraudDecision {
    APPROVE,
    REVIEW,
    DECLINE;

    static final int REVIEW_SCORE = 50;
    static final int DECLINE_SCORE = 80;

    static FraudDecision forScore(int score) {
        if (score >= DECLINE_SCORE) {
            return DECLINE;
        }
        return score >= REVIEW_SCORE ? REVIEW : APPROVE;
    }
}
