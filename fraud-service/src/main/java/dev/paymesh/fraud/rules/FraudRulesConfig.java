package dev.paymesh.fraud.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fraud.rules")
public interface FraudRulesConfig {

    /** Amount thresholds per ISO-4217 currency; {@code DEFAULT} applies to currencies not listed. */
    Map<String, Thresholds> thresholds();

    Velocity velocity();

    /** Customers whose payments are always declined. */
    @WithDefault("CUST666")
    Set<String> blockedCustomers();

    interface Thresholds {
        /** At or above this amount a payment needs a human review. */
        BigDecimal review();

        /** At or above this amount a payment is declined. */
        BigDecimal decline();
    }

    interface Velocity {
        /** How many payments one customer may make within {@link #window()} before review. */
        @WithDefault("5")
        int maxPayments();

        @WithDefault("PT1M")
        Duration window();
    }
}
