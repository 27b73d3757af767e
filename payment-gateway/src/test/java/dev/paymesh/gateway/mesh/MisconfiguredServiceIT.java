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

    @ParameterizedTest
    @CsvSource({
            "FRAUD_LATENCY_JITTER, -10ms, fraud.simulation.latency-jitter",
            "FRAUD_LATENCY_BASE, -1s, fraud.simulation.latency-base",
            "FRAUD_FAILURE_RATE, 1.5, fraud.simulation.failure-rate",
            "FRAUD_SLOW_PATH_PROBABILITY, -0.1, fraud.simulation.slow-path-probability",
            "FRAUD_VELOCITY_MAX_PAYMENTS, 0, fraud.rules.velocity.max-payments",
            "FRAUD_VELOCITY_WINDOW, PT0S, fraud.rules.velocity.window",
            "FRAUD_RULES_THRESHOLDS_DEFAULT_REVIEW, -5, fraud.rules.thresholds.DEFAULT.review",
            "FRAUD_RULES_THRESHOLDS_EUR_REVIEW, 10000, fraud.rules.thresholds.EUR.review (10000) must be below" })
    void fraudServiceRefusesToStart(String variable, String value, String key) throws Exception {
        ServiceProcess fraud = new ServiceProcess("fraud-service", Map.of(variable, value,
                "QUARKUS_OTEL_SDK_DISABLED", "true"));
        try {
            IllegalStateException exited = assertThrows(IllegalStateException.class, fraud::start);
            assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
            assertTrue(fraud.output().contains(key), key + " named in:\n" + fraud.output());
        } finally {
            fraud.close();
        }
    }
}
