package dev.paymesh.fraud.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import dev.paymesh.fraud.rules.FraudAssessment;
import dev.paymesh.fraud.rules.FraudScorer;
import dev.paymesh.fraud.simulation.LatencySimulator;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;

@Path("/fraud-check")
public class FraudCheckResource {

    private static final Logger LOG = Logger.getLogger(FraudCheckResource.class);

    private final FraudScorer scorer;
    private final LatencySimulator simulator;

    public FraudCheckResource(FraudScorer scorer, LatencySimulator simulator) {
        this.scorer = scorer;
        this.simulator = simulator;
    }

    @GET
    @Operation(summary = "Score a payment: {score 0..100, decision APPROVE|REVIEW|DECLINE, reasons[]}")
    public Uni<FraudAssessment> check(
            @QueryParam("customerId") @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") String customerId,
            // A String, not a BigDecimal: JAX-RS answers 404 when a query parameter fails to convert.
            @QueryParam("amount") @NotNull @Pattern(regexp = "\\d{1,15}(\\.\\d{1,4})?") String amount,
            @QueryParam("currency") @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            // The payment's key: a check the gateway retries counts once in the customer's velocity.
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[\\x21-\\x7E]{1,128}") String paymentKey) {
        return simulator.simulate(Uni.createFrom().item(() -> {
            FraudAssessment assessment = scorer.assess(customerId, new BigDecimal(amount), currency, paymentKey);
            Span.current()
                    .setAttribute("customer.id", customerId)
                    .setAttribute("fraud.score", assessment.score())
                    .setAttribute("fraud.decision", assessment.decision().name());
            LOG.infof("Fraud check for %s, %s %s: %s (score %d, reasons %s)", customerId, amount, currency,
                    assessment.decision(), assessment.score(), assessment.reasons());
            return assessment;
        }));
    }
}
