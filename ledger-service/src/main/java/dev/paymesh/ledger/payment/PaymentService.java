package dev.paymesh.ledger.payment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.paymesh.ledger.journal.Journal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final Journal journal;

    public PaymentService(PaymentRepository payments, Journal journal) {
        this.payments = payments;
        this.journal = journal;
    }

    /** Result of {@link #record}: the stored payment, and whether an earlier request with the same key created it. */
    public record Recorded(Payment payment, boolean replayed) {
    }

    /** Result of {@link #list}: one page of the matching payments, and how many match in all. */
    public record Listing(List<Payment> items, int page, int size, long totalItems) {

        public int totalPages() {
            return (int) ((totalItems + size - 1) / size);
        }
    }

    /**
     * Stores a payment once per idempotency key. Two requests racing with one key both try the INSERT; the unique
     * index lets one win, and the loser answers with the winner's row instead of failing, provided it asked for the
     * same payment ({@link IdempotencyKeyReusedException} otherwise).
     */
    public Uni<Recorded> record(NewPayment request) {
        return Panache.withTransaction(() -> payments.persist(toEntity(request)))
                .map(payment -> new Recorded(payment, false))
                .onFailure(PaymentService::isDuplicateKey).recoverWithUni(duplicate -> Panache.withSession(
                        () -> payments.findByIdempotencyKey(request.idempotencyKey()))
                        // Nothing under the key (none sent, or another unique constraint refused the row): the
                        // failure stands instead of becoming a 500.
                        .flatMap(existing -> existing.isPresent()
                                ? Uni.createFrom().item(new Recorded(storedFor(request, existing.get()), true))
                                : Uni.createFrom().failure(duplicate)))
                .invoke(recorded -> LOG.infof("Payment %s %s: %s %s for customer %s, %s", recorded.payment().reference(),
                        recorded.replayed() ? "already stored under its idempotency key" : "stored",
                        recorded.payment().displayAmount().toPlainString(), recorded.payment().currency,
                        recorded.payment().customerId, recorded.payment().status));
    }

    private static Payment storedFor(NewPayment request, Payment stored) {
        if (!stored.isRequestedBy(request)) {
            throw new IdempotencyKeyReusedException();
        }
        return stored;
    }

    @WithSession
    public Uni<Optional<Payment>> findByIdempotencyKey(String key) {
        return payments.findByIdempotencyKey(key);
    }

    @WithSession
    public Uni<Payment> find(String reference) {
        return load(reference);
    }

    /** Page {@code page} (from 0) of {@code size} payments in id order; {@code null} filters match any value. */
    @WithSession
    public Uni<Listing> list(String customerId, PaymentStatus status, int page, int size) {
        var query = payments.search(customerId, status).page(page, size);
        return query.list().flatMap(items -> query.count().map(total -> new Listing(items, page, size, total)));
    }

    /**
     * Applies an action under optimistic locking: of concurrent callers on one payment, one commits and the others
     * fail on the {@code @Version} check, which the REST layer reports as 409 like any illegal transition.
     */
    public Uni<Payment> apply(String reference, PaymentAction action) {
        return Panache.withTransaction(() -> load(reference).flatMap(payment -> {
            if (!action.isAllowedFrom(payment.status)) {
                return Uni.createFrom().failure(new IllegalTransitionException(reference, payment.status, action));
            }
            payment.moveTo(action.target());
            Uni<Void> bookkeeping = switch (action) {
                case APPROVE -> journal.recordApproval(payment);
                case REFUND -> journal.recordRefund(payment);
                case DECLINE -> Uni.createFrom().voidItem();
            };
            return bookkeeping.replaceWith(payment);
        })).invoke(payment -> LOG.infof("Payment %s: %s committed, now %s", reference, action, payment.status));
    }

    private Uni<Payment> load(String reference) {
        Long id = Payment.idOf(reference);
        Uni<Payment> found = id == null ? Uni.createFrom().nullItem() : payments.findById(id);
        return found.onItem().ifNull().failWith(() -> new PaymentNotFoundException(reference));
    }

    private static Payment toEntity(NewPayment request) {
        Payment payment = new Payment();
        payment.amount = request.amount();
        payment.currency = request.currency();
        payment.customerId = request.customerId();
        payment.description = request.description();
        payment.status = request.status();
        payment.fraudDecision = request.fraudDecision();
        payment.fraudScore = request.fraudScore();
        payment.idempotencyKey = request.idempotencyKey();
        payment.createdAt = DatabaseTime.now();
        payment.updatedAt = payment.createdAt;
        return payment;
    }

    /** Only a unique violation means another request stored the key first; any other failure is a real one. */
    private static boolean isDuplicateKey(Throwable failure) {
        return SqlState.UNIQUE_VIOLATION.equals(SqlState.of(failure));
    }
}
