package dev.paymesh.fraud.rules;

import java.util.List;

/** The answer of {@code GET /fraud-check}: a 0..100 risk score, the decision it implies, and why. */
public record FraudAssessment(int score, FraudDecision decision, List<String> reasons) {
}
