package dev.paymesh.fraud.check;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.paymesh.fraud.rules.FraudAssessment;
import dev.paymesh.fraud.rules.FraudScorer;
import dev.paymesh.fraud.simulation.SimulatedProvider;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

/**
 * One fraud check: the simulated provider fails it, or the rules score the payment and the provider delays the answer,
 * as a slow external provider would. The verdict goes on the request's span and in its log line, where the lab looks
 * for it, as soon as it is known: a caller that stops waiting still finds what this service decided.
 */
@ApplicationScoped
public class FraudCheckService {

    private static final Logger LOG = Logger.getLogger(FraudCheckService.class);

    private final FraudScorer scorer;
    private final SimulatedProvider provider;

    public FraudCheckService(FraudScorer scorer, SimulatedProvider provider) {
        this.scorer = scorer;
        this.provider = provider;
    }

    /**
     * @param paymentKey the payment's Idempotency-Key, or {@code null}; with it, a retried check counts once in the
     *        velocity rule
     */
    public Uni<FraudAssessment> check(String customerId, BigDecimal amount, String currency, String paymentKey) {
        // Before the provider can fail: a failed check's error span must name its customer too.
        Span.current().setAttribute("customer.id", customerId);
        return provider.simulate(Uni.createFrom().item(() -> {
            FraudAssessment assessment = scorer.assess(customerId, amount, currency, paymentKey);
            Span.current()
                    .setAttribute("fraud.score", assessment.score())
                    .setAttribute("fraud.decision", assessment.decision().name());
            LOG.infof("Fraud check for %s, %s %s: %s (score %d, reasons %s)", customerId, amount.toPlainString(), currency,
                    assessment.decision(), assessment.score(), assessment.reasons());
            return assessment;
        }));
    }
}
