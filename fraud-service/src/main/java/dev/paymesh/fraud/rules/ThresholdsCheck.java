package dev.paymesh.fraud.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
        Map<String, List<String>> keysByCode = rules.thresholds().keySet().stream()
                .collect(Collectors.groupingBy(key -> key.toUpperCase(Locale.ROOT)));
        keysByCode.forEach((code, keys) -> {
            if (keys.size() > 1) {
                throw new IllegalStateException("fraud.rules.thresholds." + code + " is given twice, as " + keys
                        + ": an environment variable names a currency in lower case; set it once");
            }
        });
        if (!keysByCode.containsKey(FraudScorer.DEFAULT_THRESHOLDS)) {
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
    }
}
