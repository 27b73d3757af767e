package dev.paymesh.ledger.journal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.paymesh.ledger.payment.Payment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The journal, kept by double-entry bookkeeping. Approving a payment moves what was paid from the customer's receivable to the merchant's
 * payable; a refund books the exact reverse. Every entry is two lines of equal amount, so debits equal credits.
 */
@ApplicationScoped
public class Journal implements PanacheRepositoryBase<JournalLine, Long> {

    static final String MERCHANT_PAYABLE = "merchant:payable";

    public Uni<Void> recordApproval(Payment payment) {
        return post(payment, receivable(payment), MERCHANT_PAYABLE);
    }

    public Uni<Void> recordRefund(Payment payment) {
        return post(payment, MERCHANT_PAYABLE, receivable(payment));
    }

    public Uni<List<JournalLine>> linesOf(long paymentId) {
        return list("paymentId", Sort.by("id"), paymentId);
    }

    /** Debits and credits per currency, in currency order; the invariant is debits = credits for every currency. */
    @WithSession
    public Uni<List<Balance>> balances() {
        return getSession().flatMap(session -> session
                .createSelectionQuery(
                        "select currency, direction, sum(amount) from JournalLine group by currency, direction order by currency",
                        Object[].class)
                .getResultList())
                .map(Journal::byCurrency);
    }

    /** One balance per currency from the rows (currency, direction, total); a direction without lines counts zero. */
    private static List<Balance> byCurrency(List<Object[]> totals) {
        Map<String, Balance> balances = new LinkedHashMap<>();
        for (Object[] row : totals) {
            String currency = (String) row[0];
            balances.put(currency, balances.getOrDefault(currency, Balance.empty(currency))
                    .with((EntryDirection) row[1], Payment.inMinorUnits((BigDecimal) row[2], currency)));
        }
        return List.copyOf(balances.values());
    }

    private Uni<Void> post(Payment payment, String debitAccount, String creditAccount) {
        UUID entryId = UUID.randomUUID();
        // The entry is booked by the transition that moved the payment: it carries that transition's time.
        OffsetDateTime bookedAt = payment.updatedAt;
        BigDecimal amount = payment.amount;
        return persist(
                JournalLine.of(entryId, payment.id, debitAccount, EntryDirection.DEBIT, amount, payment.currency, bookedAt),
                JournalLine.of(entryId, payment.id, creditAccount, EntryDirection.CREDIT, amount, payment.currency, bookedAt));
    }

    private static String receivable(Payment payment) {
        return "customer:" + payment.customerId + ":receivable";
    }
}
