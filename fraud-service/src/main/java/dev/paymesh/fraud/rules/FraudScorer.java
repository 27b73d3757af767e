package dev.paymesh.fraud.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The fraud rules: blocked customers, per-currency amount thresholds and per-customer velocity. The thresholds are
 * checked at start ({@link ThresholdsCheck}): {@code DEFAULT} is there, and each review is below its decline.
 */
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
    private final Map<String, FraudRulesConfig.Thresholds> thresholdsByCurrency;

    public FraudScorer(FraudRulesConfig rules, VelocityTracker velocity) {
        this.rules = rules;
        this.velocity = velocity;
        this.thresholdsByCurrency = rules.thresholdsByCurrencyCode();
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
        FraudRulesConfig.Thresholds own = thresholdsByCurrency.get(currency);
        return own != null ? own : thresholdsByCurrency.get(DEFAULT_THRESHOLDS);
    }
}
