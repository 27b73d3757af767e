package dev.paymesh.fraud.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts each customer's payments over a sliding window, in memory: one fraud-service instance owns its counts.
 * Each customer's entries are only touched inside {@code compute}, which locks that customer's entry.
 */
@ApplicationScoped
public class VelocityTracker {

    /** Above this many tracked customers, customers idle for a whole window are forgotten. */
    static final int SWEEP_THRESHOLD = 10_000;

    private final Map<String, RecentPayments> recentByCustomer = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);
    private final FraudRulesConfig.Velocity config;
    private final Clock clock;
    private final int oneOverTheLimit;

    public VelocityTracker(FraudRulesConfig rules, Clock clock) {
        this.config = rules.velocity();
        this.clock = clock;
        // As a long: a limit of Integer.MAX_VALUE, which turns the rule off, must not wrap around.
        this.oneOverTheLimit = (int) Math.min(config.maxPayments() + 1L, Integer.MAX_VALUE);
    }

    /**
     * Records a payment now and returns how many the customer made within the window, this one included, counted up to
     * one over the limit: beyond it, how many more decides nothing, and a customer who pays without end is not
     * remembered without end.
     *
     * @param paymentKey the payment's idempotency key, or {@code null}: a payment checked again with the same key
     *        (the gateway retrying a check that timed out) counts once; without a key, every check counts.
     */
    public int recordAndCount(String customerId, String paymentKey) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(config.window());
        int[] count = new int[1];
        recentByCustomer.compute(customerId, (id, recent) -> {
            RecentPayments kept = recent == null ? new RecentPayments() : recent.prune(windowStart);
            kept.record(now, paymentKey, oneOverTheLimit);
            count[0] = kept.count();
            return kept;
        });
        if (recentByCustomer.size() > SWEEP_THRESHOLD) {
            sweepIfDue(now, windowStart);
        }
        return count[0];
    }

    int trackedCustomers() {
        return recentByCustomer.size();
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
                (key, recent) -> recent.prune(windowStart).count() == 0 ? null : recent));
    }

    /** One customer's payments within the window, oldest first, and the keys among them. */
    private static final class RecentPayments {

        private record Payment(Instant at, String key) {
        }

        private final Deque<Payment> payments = new ArrayDeque<>();
        private final Set<String> keys = new HashSet<>();

        /** Records a payment, keeping the newest {@code kept} at most. */
        void record(Instant at, String key, int kept) {
            if (key == null || keys.add(key)) {
                payments.addLast(new Payment(at, key));
            }
            while (payments.size() > kept) {
                forgetOldest();
            }
        }

        RecentPayments prune(Instant windowStart) {
            while (!payments.isEmpty() && payments.peekFirst().at().isBefore(windowStart)) {
                forgetOldest();
            }
            return this;
        }

        private void forgetOldest() {
            String key = payments.pollFirst().key();
            if (key != null) {
                keys.remove(key);
            }
        }

        int count() {
            return payments.size();
        }
    }
}
