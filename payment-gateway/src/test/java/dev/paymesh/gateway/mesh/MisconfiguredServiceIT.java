package dev.paymesh.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting no check could work with stops fraud-service at start, naming the key, instead of failing every check
 * with a 500 once it runs.
 */
class MisconfiguredServiceIT {

    /** Hibernate Validator's report on the config mappings, before anything starts. */
    static final String VALIDATION = "Configuration validation failed";

    @ParameterizedTest
    @CsvSource({
            "FRAUD_LATENCY_JITTER, -10ms, " + VALIDATION + ", fraud.simulation.latency-jitter",
            "FRAUD_LATENCY_BASE, -1s, " + VALIDATION + ", fraud.simulation.latency-base",
            "FRAUD_FAILURE_RATE, 1.5, " + VALIDATION + ", fraud.simulation.failure-rate",
            "FRAUD_SLOW_PATH_PROBABILITY, -0.1, " + VALIDATION + ", fraud.simulation.slow-path-probability",
            "FRAUD_VELOCITY_MAX_PAYMENTS, 0, " + VALIDATION + ", fraud.rules.velocity.max-payments",
            "FRAUD_VELOCITY_WINDOW, PT0S, " + VALIDATION + ", fraud.rules.velocity.window",
            "FRAUD_RULES_THRESHOLDS_DEFAULT_REVIEW, -5, " + VALIDATION + ", fraud.rules.thresholds.DEFAULT.review",
            "FRAUD_RULES_THRESHOLDS_EUR_REVIEW, 10000, Failed to start application, "
                    + "fraud.rules.thresholds.EUR.review (10000) must be below" })
    void fraudServiceRefusesToStart(String variable, String value, String failure, String key) throws Exception {
        ServiceProcess fraud = new ServiceProcess("fraud-service", Map.of(variable, value,
                "QUARKUS_OTEL_SDK_DISABLED", "true"));
        try {
            IllegalStateException exited = assertThrows(IllegalStateException.class, fraud::start);
            assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
            assertTrue(fraud.output().contains(failure), "'" + failure + "' in:\n" + fraud.output());
            assertTrue(fraud.output().contains(key), key + " named in:\n" + fraud.output());
        } finally {
            fraud.close();
        }
    }
}
