package dev.paymesh.fraud.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;

/**
 * The rules' settings, checked at start (Hibernate Validator): a setting no check could use stops the service there.
 * Defaults: application.properties, once, beside the environment variables that override them.
 */
@ConfigMapping(prefix = "fraud.rules")
public interface FraudRulesConfig {

    /** Amount thresholds per ISO-4217 currency; {@code DEFAULT} applies to currencies not listed. */
    Map<String, @Valid Thresholds> thresholds();

    /**
     * The thresholds by ISO 4217 code in capitals: an environment variable names a currency the properties do not list
     * in lower case ({@code FRAUD_RULES_THRESHOLDS_SEK_REVIEW} sets {@code fraud.rules.thresholds.sek.review}).
     *
     * @throws IllegalStateException when a currency is given in both cases
     */
    default Map<String, Thresholds> thresholdsByCurrencyCode() {
        Map<String, Thresholds> byCode = new HashMap<>();
        thresholds().forEach((key, value) -> {
            if (byCode.put(key.toUpperCase(Locale.ROOT), value) != null) {
                throw new IllegalStateException("fraud.rules.thresholds." + key + " is given twice, in upper and "
                        + "lower case (an environment variable names a currency in lower case): set it once");
            }
        });
        return Map.copyOf(byCode);
    }

    @Valid
    Velocity velocity();

    /** Customers whose payments are always declined. */
    Set<String> blockedCustomers();

    interface Thresholds {
        /** At or above this amount a payment needs a human review. */
        @Positive
        BigDecimal review();

        /** At or above this amount a payment is declined. */
        @Positive
        BigDecimal decline();
    }

    interface Velocity {
        /** How many payments one customer may make within {@link #window()} before review. */
        @Positive
        int maxPayments();

        @DurationMin(millis = 1)
        Duration window();
    }
}
