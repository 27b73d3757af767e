package dev.paymesh.gateway.fraud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which answers of fraud-service count as a verdict; any other is a failed check and the payment is held for review. */
class FraudVerdictTest {

    @Test
    void aScoreInRangeWithADecisionFraudServiceMakesIsAVerdict() {
        assertTrue(new FraudVerdict(0, FraudVerdict.APPROVE).isValid());
        assertTrue(new FraudVerdict(100, FraudVerdict.DECLINE).isValid());
        assertTrue(new FraudVerdict(55, FraudVerdict.REVIEW).isValid());
    }

    @Test
    void aMissingOrOutOfRangeScoreOrAnUnknownDecisionIsNot() {
        assertFalse(new FraudVerdict(null, FraudVerdict.APPROVE).isValid());
        assertFalse(new FraudVerdict(101, FraudVerdict.APPROVE).isValid());
        assertFalse(new FraudVerdict(-1, FraudVerdict.APPROVE).isValid());
        assertFalse(new FraudVerdict(10, FraudVerdict.UNAVAILABLE).isValid());
        assertFalse(new FraudVerdict(10, null).isValid());
    }
}
