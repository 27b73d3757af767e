package dev.paymesh.fraud.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VelocityTrackerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    // Records, not anonymous classes: Quarkus treats the constrained config methods as methods to validate (an
    // interceptor binding), which CDI refuses on an anonymous class.
    record Rules(Velocity velocity) implements FraudRulesConfig {
        @Override
        public Map<String, Thresholds> thresholds() {
            return Map.of();
        }

        @Override
        public Set<String> blockedCustomers() {
            return Set.of();
        }
    }

    record Window(int maxPayments, Duration window) implements FraudRulesConfig.Velocity {
    }

    static FraudRulesConfig rules(int maxPayments, Duration window) {
        return new Rules(new Window(maxPayments, window));
    }

    @Test
    void aCustomerPayingWithoutEndIsCountedOneOverTheLimitNotRememberedWithoutEnd() {
        ManualClock clock = new ManualClock();
        VelocityTracker tracker = new VelocityTracker(rules(5, Duration.ofHours(1)), clock);

        for (int i = 1; i <= 6; i++) {
            assertEquals(i, tracker.recordAndCount("A", null));
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(6, tracker.recordAndCount("A", "payment-" + i), "over the limit: the decision is made");
        }
    }

    @Test
    void aLimitOfIntegerMaxValueCountsEveryPayment() {
        VelocityTracker tracker = new VelocityTracker(rules(Integer.MAX_VALUE, Duration.ofHours(1)), new ManualClock());
        assertEquals(1, tracker.recordAndCount("A", null));
        assertEquals(2, tracker.recordAndCount("A", null));
    }

    @Test
    void countsOnlyPaymentsInsideTheSlidingWindow() {
        ManualClock clock = new ManualClock();
        VelocityTracker tracker = new VelocityTracker(rules(5, Duration.ofSeconds(60)), clock);

        assertEquals(1, tracker.recordAndCount("A", null));
        clock.now = clock.now.plusSeconds(30);
        assertEquals(2, tracker.recordAndCount("A", null));
        assertEquals(1, tracker.recordAndCount("B", null));
        clock.now = clock.now.plusSeconds(31);
        // The first payment is now 61 s old and has left the window.
        assertEquals(2, tracker.recordAndCount("A", null));
        clock.now = clock.now.plusSeconds(120);
        assertEquals(1, tracker.recordAndCount("A", null));
    }

    @Test
    void aPaymentCheckedAgainWithItsKeyCountsOnce() {
        ManualClock clock = new ManualClock();
        VelocityTracker tracker = new VelocityTracker(rules(5, Duration.ofSeconds(60)), clock);

        assertEquals(1, tracker.recordAndCount("A", "payment-1"));
        assertEquals(1, tracker.recordAndCount("A", "payment-1"), "the gateway's retry of the same payment");
        assertEquals(2, tracker.recordAndCount("A", "payment-2"));
        assertEquals(3, tracker.recordAndCount("A", null), "a check without a key always counts");
        clock.now = clock.now.plusSeconds(61);
        assertEquals(1, tracker.recordAndCount("A", "payment-1"), "out of the window, the key is forgotten with it");
    }

    @Test
    void idleCustomersAreForgottenOnceManyAreTracked() {
        ManualClock clock = new ManualClock();
        VelocityTracker tracker = new VelocityTracker(rules(5, Duration.ofSeconds(60)), clock);
        for (int i = 0; i <= VelocityTracker.SWEEP_THRESHOLD; i++) {
            tracker.recordAndCount("C" + i, null);
        }
        clock.now = clock.now.plusSeconds(61);
        tracker.recordAndCount("fresh", null);
        assertEquals(1, tracker.trackedCustomers(), "only the customer active within the window is kept");
    }

    @Test
    void manyActiveCustomersAreSweptAtMostOncePerWindow() {
        ManualClock clock = new ManualClock();
        Instant start = clock.now;
        VelocityTracker tracker = new VelocityTracker(rules(5, Duration.ofSeconds(60)), clock);
        for (int i = 0; i < VelocityTracker.SWEEP_THRESHOLD; i++) {
            tracker.recordAndCount("C" + i, null);
        }
        clock.now = start.plusSeconds(59);
        tracker.recordAndCount("Y", null); // over the threshold: a sweep, which frees nobody yet
        clock.now = start.plusSeconds(61);
        tracker.recordAndCount("Z", null);
        assertEquals(VelocityTracker.SWEEP_THRESHOLD + 2, tracker.trackedCustomers(),
                "the C customers are idle now, but the next sweep is only due a window after the last one");
        clock.now = start.plusSeconds(120);
        tracker.recordAndCount("W", null);
        assertEquals(2, tracker.trackedCustomers(), "Z and W are active within the window");
    }
}
