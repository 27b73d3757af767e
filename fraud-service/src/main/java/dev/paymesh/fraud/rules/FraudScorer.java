package dev.paymesh.fraud.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/** The fraud rules: blocked customers, per-currency amount thresholds and per-customer velocity. */
// @Startup: thresholds no check could use (DEFAULT missing, a review at or above its decline) stop the service at
// start, not at its first payment. Hibernate Validator checks each value alone (FraudRulesConfig); these span keys.
@Startup
@ApplicationScoped
public class FraudScorer {

    static final String DEFAULT_THRESHOLDS = "DEFAULT";
    // An amount over a threshold alone reaches the decision of that threshold.
    private static final int AMOUNT_REVIEW_POINTS = FraudDecision.REVIEW_SCORE;
    private static final int AMOUNT_DECLINE_POINTS = FraudDecision.DECLINE_SCORE;
    static final int VELOCITY_POINTS = 50;
    static final int MAX_SCORE = 100;

    private final FraudRulesConfig rules;
    private final VelocityTracker velocity;

    public FraudScorer(FraudRulesConfig rules, VelocityTracker velocity) {
        if (!rules.thresholds().containsKey(DEFAULT_THRESHOLDS)) {
            throw new IllegalStateException("fraud.rules.thresholds.DEFAULT.review and .decline are required: they "
                    + "apply to every currency without thresholds of its own");
        }
        rules.thresholds().forEach((currency, thresholds) -> {
            // Otherwise the amount rule could never ask for a review alone.
            if (thresholds.review().compareTo(thresholds.decline()) >= 0) {
                throw new IllegalStateException("fraud.rules.thresholds." + currency + ".review ("
                        + thresholds.review().toPlainString() + ") must be below fraud.rules.thresholds." + currency
                        + ".decline (" + thresholds.decline().toPlainString() + ")");
            }
        });
        this.rules = rules;
        this.velocity = velocity;
    }

    public FraudAssessment assess(String customerId, BigDecimal amount, String currency, String paymentKey) {
        List<String> reasons = new ArrayList<>();
        int score = 0;

        if (rules.blockedCustomers().contains(customerId)) {
            score += MAX_SCORE;
            reasons.add("customer " + customerId + " is blocked");
        }

        FraudRulesConfig.Thresholds thresholds = thresholdsFor(currency);
        if (amount.compareTo(thresholds.decline()) >= 0) {
            score += AMOUNT_DECLINE_POINTS;
            reasons.add("amount " + amount.toPlainString() + " " + currency + " reaches the decline threshold "
                    + thresholds.decline().toPlainString());
        } else if (amount.compareTo(thresholds.review()) >= 0) {
            score += AMOUNT_REVIEW_POINTS;
            reasons.add("amount " + amount.toPlainString() + " " + currency + " reaches the review threshold "
                    + thresholds.review().toPlainString());
        }

        int recent = velocity.recordAndCount(customerId, paymentKey);
        int limit = rules.velocity().maxPayments();
        if (recent > limit) {
            score += VELOCITY_POINTS;
            reasons.add("more than " + limit + " payments within " + rules.velocity().window().toSeconds() + " s");
        }

        int bounded = Math.min(score, MAX_SCORE);
        return new FraudAssessment(bounded, FraudDecision.forScore(bounded), List.copyOf(reasons));
    }

    private FraudRulesConfig.Thresholds thresholdsFor(String currency) {
        FraudRulesConfig.Thresholds own = rules.thresholds().get(currency);
        return own != null ? own : rules.thresholds().get(DEFAULT_THRESHOLDS);
    }
}
