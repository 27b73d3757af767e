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

import dev.paymesh.fraud.check.FraudCheckService;
import dev.paymesh.fraud.rules.FraudAssessment;
import io.smallrye.mutiny.Uni;

@Path("/fraud-check")
public class FraudCheckResource {

    private final FraudCheckService fraudCheck;

    public FraudCheckResource(FraudCheckService fraudCheck) {
        this.fraudCheck = fraudCheck;
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
        return fraudCheck.check(customerId, new BigDecimal(amount), currency, paymentKey);
    }
}
