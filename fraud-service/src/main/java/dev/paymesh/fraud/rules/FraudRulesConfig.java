package dev.paymesh.fraud.rules;

import java.math.BigDecimal;
import java.time.Duration;
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
