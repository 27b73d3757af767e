package dev.paymesh.fraud.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts each customer's payments over a sliding window, in memory: one fraud-service instance owns its counts.
 * Each customer's timestamps are only touched inside {@code compute}, which locks that customer's entry.
 */
@ApplicationScoped
public class VelocityTracker {

    /** Above this many tracked customers, customers idle for a whole window are forgotten. */
    static final int SWEEP_THRESHOLD = 10_000;

    private final Map<String, Deque<Instant>> recentByCustomer = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);
    private final FraudRulesConfig.Velocity config;
    private final Clock clock;

    public VelocityTracker(FraudRulesConfig rules, Clock clock) {
        this.config = rules.velocity();
        this.clock = clock;
    }

    /** Records a payment now and returns how many the customer made within the window, this one included. */
    public int recordAndCount(String customerId) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(config.window());
        int[] count = new int[1];
        recentByCustomer.compute(customerId, (id, timestamps) -> {
            Deque<Instant> kept = prune(timestamps == null ? new ArrayDeque<>() : timestamps, windowStart);
            kept.addLast(now);
            count[0] = kept.size();
            return kept;
        });
        if (recentByCustomer.size() > SWEEP_THRESHOLD) {
            sweepIfDue(now, windowStart);
        }
        return count[0];
    }

    /**
     * Forgets customers idle for a whole window, at most once per window: when more customers than the threshold are
     * active, a sweep frees nothing, and sweeping on every request would scan all of them each time.
     */
    private void sweepIfDue(Instant now, Instant windowStart) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(config.window()))) {
            return;
        }
        recentByCustomer.keySet().forEach(id -> recentByCustomer.computeIfPresent(id,
                (key, timestamps) -> prune(timestamps, windowStart).isEmpty() ? null : timestamps));
    }

    int trackedCustomers() {
        return recentByCustomer.size();
    }

    private static Deque<Instant> prune(Deque<Instant> timestamps, Instant windowStart) {
        while (!timestamps.isEmpty() && timestamps.peekFirst().isBefore(windowStart)) {
            timestamps.pollFirst();
        }
        return timestamps;
    }
}
