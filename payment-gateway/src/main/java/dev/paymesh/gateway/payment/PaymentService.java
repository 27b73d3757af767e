package dev.paymesh.gateway.payment;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.paymesh.gateway.fraud.FraudClient;
import dev.paymesh.gateway.fraud.FraudVerdict;
import dev.paymesh.gateway.ledger.LedgerClient;
import dev.paymesh.gateway.ledger.LedgerPayment;
import dev.paymesh.gateway.ledger.NewLedgerPayment;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
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
        Context requestContext = Context.current();
        return ledger.findByIdempotencyKey(key).flatMap(existing -> existing.isPresent()
                ? Uni.createFrom().item(() -> new Created(storedFor(payment, existing.get()), true))
                        .invoke(replay -> logIn(requestContext,
                                () -> LOG.infof("Payment %s replayed for its Idempotency-Key", replay.payment().id())))
                : checkAndRecord(payment, key, requestContext).map(stored -> new Created(stored, false)));
    }

    private static LedgerPayment storedFor(ValidPayment payment, LedgerPayment stored) {
        if (!payment.isStoredAs(stored)) {
            throw new IdempotencyKeyReusedException();
        }
        return stored;
    }

    private Uni<LedgerPayment> checkAndRecord(ValidPayment payment, String key, Context requestContext) {
        return startIn(requestContext, () -> fraud.assess(payment, key))
                .onFailure().recoverWithItem(failure -> {
                    logIn(requestContext, () -> LOG.warnf("Fraud check failed for customer %s, holding the payment for review: %s",
                            payment.customerId(), failure.toString()));
                    return FraudVerdict.unavailable();
                })
                .flatMap(verdict -> startIn(requestContext, () -> ledger.record(new NewLedgerPayment(payment.amount(),
                        payment.currency(), payment.customerId(), payment.description(), statusFor(verdict),
                        verdict.decision(), verdict.score(), key))))
                .invoke(stored -> logIn(requestContext, () -> LOG.infof("Payment %s of %s %s for customer %s is %s (fraud decision %s)",
                        stored.id(), stored.amount().toPlainString(), stored.currency(), stored.customerId(),
                        stored.status(), stored.fraudDecision())));
    }

    /**
     * A step that follows another traced step would otherwise start while the previous step's span is still current
     * and nest under it. Starting each step in the request's context makes the steps siblings under the server span,
     * as the lab's trace shows them.
     */
    private static <T> Uni<T> startIn(Context context, Supplier<Uni<T>> step) {
        try (Scope ignored = context.makeCurrent()) {
            return step.get();
        }
    }

    /**
     * A step's callbacks run in whatever context its Uni left behind, which may be a step span that has already ended:
     * a log line there would carry that span's id. The request's line belongs to the request's span.
     */
    private static void logIn(Context context, Runnable log) {
        try (Scope ignored = context.makeCurrent()) {
            log.run();
        }
    }

    static String statusFor(FraudVerdict verdict) {
        return switch (verdict.decision()) {
            case FraudVerdict.APPROVE -> "PENDING";
            case FraudVerdict.DECLINE -> "DECLINED";
            default -> "PENDING_REVIEW";
        };
    }
}
