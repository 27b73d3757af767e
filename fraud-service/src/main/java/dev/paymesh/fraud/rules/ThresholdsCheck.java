package dev.paymesh.fraud.rules;

import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The amount thresholds, checked across keys at start: Hibernate Validator checks each value alone
 * ({@link FraudRulesConfig}). Thresholds no check could use stop the service there, not at its first payment.
 */
@Startup
@Singleton
class ThresholdsCheck {

    ThresholdsCheck(FraudRulesConfig rules) {
        Map<String, FraudRulesConfig.Thresholds> byCode = rules.thresholdsByCurrencyCode();
        if (!byCode.containsKey(FraudScorer.DEFAULT_THRESHOLDS)) {
            throw new IllegalStateException("fraud.rules.thresholds.DEFAULT.review and .decline are required: they "
                    + "apply to every currency without thresholds of its own");
        }
        byCode.forEach((currency, thresholds) -> {
            // Otherwise the amount rule could never ask for a review alone.
            if (thresholds.review().compareTo(thresholds.decline()) >= 0) {
                throw new IllegalStateException("fraud.rules.thresholds." + currency + ".review ("
                        + thresholds.review().toPlainString() + ") must be below fraud.rules.thresholds." + currency
                        + ".decline (" + thresholds.decline().toPlainString() + ")");
            }
        });
    }
}
