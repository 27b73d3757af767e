package dev.paymesh.gateway.payment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.paymesh.gateway.fraud.FraudClient;
import dev.paymesh.gateway.fraud.FraudVerdict;
import dev.paymesh.gateway.ledger.LedgerClient;
import dev.paymesh.gateway.ledger.LedgerPayment;
import dev.paymesh.gateway.ledger.NewLedgerPayment;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * How a payment is created: validate, look the idempotency key up in the ledger, ask fraud-service, store the result
 * in the ledger. Nothing is approved without a fraud check: when fraud-service cannot answer, the payment is held
 * as PENDING_REVIEW.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PaymentValidator validator;
    private final FraudClient fraud;
    private final LedgerClient ledger;

    public PaymentService(PaymentValidator validator, FraudClient fraud, LedgerClient ledger) {
        this.validator = validator;
        this.fraud = fraud;
        this.ledger = ledger;
    }

    /**
     * The payment, and whether it was already stored under the client's key when the request arrived (a replay).
     * A payment stored by the gateway's own retry of the ledger write, or by a request racing with the same key, is
     * not reported as a replay: the two cannot be told apart.
     */
    public record Created(LedgerPayment payment, boolean replayed) {
    }

    /**
     * @param idempotencyKey the client's Idempotency-Key, or {@code null}: then the request gets a key of its own,
     *        which still protects the ledger write against the gateway's own retries.
     * @throws IdempotencyKeyReusedException (in the Uni) when the lookup finds the key stored with a different
     *         payment; when another request stores it in between, the ledger's 422 comes as a
     *         {@link dev.paymesh.gateway.ledger.LedgerRejectedException} instead
     */
    public Uni<Created> create(PaymentRequest request, String idempotencyKey) {
        ValidPayment payment = validator.validate(request);
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        // Each callback below runs in the request's context (OpenTelemetry's Context.wrap*): a step's Uni completes in
        // the context it left, which may be its own span, already ended. A step started there would nest under it,
        // and a log line would carry its id; the lab's trace has the steps as siblings under the server span.
        Context requestContext = Context.current();
        return ledger.findByIdempotencyKey(key).flatMap(requestContext.wrapFunction(existing -> existing.isPresent()
                ? Uni.createFrom().item(() -> new Created(storedFor(payment, existing.get()), true))
                        .invoke(requestContext.wrapConsumer(replay -> LOG.infof(
                                "Payment %s replayed for its Idempotency-Key", replay.payment().id())))
                : checkAndRecord(payment, key, requestContext).map(stored -> new Created(stored, false))));
    }

    private static LedgerPayment storedFor(ValidPayment payment, LedgerPayment stored) {
        if (!payment.isStoredAs(stored)) {
            throw new IdempotencyKeyReusedException();
        }
        return stored;
    }

    /** Called in the request's context, so the fraud check starts under the server span. */
    private Uni<LedgerPayment> checkAndRecord(ValidPayment payment, String key, Context requestContext) {
        return fraud.assess(payment, key)
                .onFailure().recoverWithItem(requestContext.wrapFunction(failure -> {
                    LOG.warnf("Fraud check failed for customer %s, holding the payment for review: %s",
                            payment.customerId(), failure.toString());
                    return FraudVerdict.unavailable();
                }))
                .flatMap(requestContext.wrapFunction(verdict -> ledger.record(new NewLedgerPayment(payment.amount(),
                        payment.currency(), payment.customerId(), payment.description(), statusFor(verdict),
                        verdict.decision(), verdict.score(), key))))
                .invoke(requestContext.wrapConsumer(stored -> LOG.infof(
                        "Payment %s of %s %s for customer %s is %s (fraud decision %s)", stored.id(),
                        stored.amount().toPlainString(), stored.currency(), stored.customerId(), stored.status(),
                        stored.fraudDecision())));
    }

    static String statusFor(FraudVerdict verdict) {
        return switch (verdict.decision()) {
            case FraudVerdict.APPROVE -> "PENDING";
            case FraudVerdict.DECLINE -> "DECLINED";
            default -> "PENDING_REVIEW";
        };
    }
}
