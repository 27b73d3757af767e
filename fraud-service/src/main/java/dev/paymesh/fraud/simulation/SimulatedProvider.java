package dev.paymesh.fraud.simulation;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/**
 * Plays the part of a slow, flaky external fraud provider. The delay is non-blocking (a timer, not a sleeping
 * thread) and is written on the server span as {@code fraud.simulated_delay_ms}, so the learner who finds the slow
 * span also finds why.
 */
@ApplicationScoped
public class SimulatedProvider {

    static final String FAULT_BAGGAGE_KEY = "paymesh.fault";
    static final String FORCE_SLOW = "fraud-slow";
    static final String FORCE_ERROR = "fraud-error";

    private static final Logger LOG = Logger.getLogger(SimulatedProvider.class);

    private final SimulationConfig config;

    public SimulatedProvider(SimulationConfig config) {
        this.config = config;
    }

    public <T> Uni<T> simulate(Uni<T> work) {
        String forced = config.honourBaggage() ? Baggage.current().getEntryValue(FAULT_BAGGAGE_KEY) : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();

        if (FORCE_ERROR.equals(forced) || random.nextDouble() < config.failureRate()) {
            String cause = FORCE_ERROR.equals(forced) ? "forced by baggage " + FAULT_BAGGAGE_KEY + "=" + forced
                    : "simulated failure rate";
            LOG.warnf("Fraud check failing on purpose (%s)", cause);
            return Uni.createFrom().failure(new SimulatedFault("Fraud provider unavailable: " + cause));
        }

        Duration delay = config.latencyBase();
        if (!config.latencyJitter().isZero()) {
            delay = delay.plusMillis(random.nextLong(config.latencyJitter().toMillis() + 1));
        }
        if (FORCE_SLOW.equals(forced)) {
            delay = delay.plus(config.forcedSlowLatency());
            LOG.warnf("Fraud check slowed down by %d ms (baggage %s=%s)", config.forcedSlowLatency().toMillis(),
                    FAULT_BAGGAGE_KEY, forced);
        } else if (random.nextDouble() < config.slowPathProbability()) {
            delay = delay.plus(config.slowPathLatency());
            LOG.warnf("Fraud check took the slow path: +%d ms", config.slowPathLatency().toMillis());
        }

        Span.current().setAttribute("fraud.simulated_delay_ms", delay.toMillis());
        return delay.isZero() ? work : work.onItem().delayIt().by(delay);
    }
}
