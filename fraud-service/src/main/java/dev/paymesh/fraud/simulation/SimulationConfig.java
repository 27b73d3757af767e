package dev.paymesh.fraud.simulation;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;

/**
 * Knobs that make fraud-service behave like a slow external dependency, so a lab user has something to find in a
 * trace. All zero in tests and benchmarks. Checked at start (Hibernate Validator): a negative latency or a probability
 * outside 0..1 stops the service there, not each check with a 500. Defaults: application.properties, once, beside the
 * environment variables that override them.
 */
@ConfigMapping(prefix = "fraud.simulation")
public interface SimulationConfig {

    /** Latency added to every check. */
    @DurationMin(millis = 0)
    Duration latencyBase();

    /** Up to this much more, uniformly random. */
    @DurationMin(millis = 0)
    Duration latencyJitter();

    /** Probability (0..1) that a check takes the slow path. */
    @DecimalMin("0")
    @DecimalMax("1")
    double slowPathProbability();

    /** Extra latency of the slow path. */
    @DurationMin(millis = 0)
    Duration slowPathLatency();

    /** Probability (0..1) that a check fails with 503. */
    @DecimalMin("0")
    @DecimalMax("1")
    double failureRate();

    /**
     * Whether the W3C baggage entry {@code paymesh.fault} (fraud-slow, fraud-error) may force a fault, so traffic
     * scripts can stage the lab's exercises without restarting the service. Off unless configured: whoever reaches
     * the gateway could otherwise force faults.
     */
    boolean honourBaggage();

    /** Latency of a check forced slow through baggage: longer than the gateway's fraud timeout. */
    @DurationMin(millis = 0)
    Duration forcedSlowLatency();
}
