package dev.paymesh.ledger.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "payment")
public class Payment {

    private static final String REFERENCE_PREFIX = "PAY";

    // IDENTITY keeps the write to one INSERT ... RETURNING, so the trace shows a single SQL INSERT span.
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    // char(3) in the schema: a currency code always has three letters.
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    @Column(name = "fraud_decision")
    public String fraudDecision;

    @Column(name = "fraud_score")
    public Integer fraudScore;

    @Column(name = "idempotency_key", unique = true)
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The public identifier the lab uses: {@code PAY001}, {@code PAY002}, ... */
    public String reference() {
        // Locale.ROOT: the default locale may format digits in another script (Arabic-Indic, Devanagari), which
        // idOf would not parse back.
        return REFERENCE_PREFIX + String.format(Locale.ROOT, "%03d", id);
    }

    /** Parses {@code PAY001} into 1; {@code null} when the text is no payment reference. */
    public static Long idOf(String reference) {
        if (reference == null || !reference.matches(REFERENCE_PREFIX + "\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(reference.substring(REFERENCE_PREFIX.length()));
    }

    public BigDecimal displayAmount() {
        return inMinorUnits(amount, currency);
    }

    /** NUMERIC(19,4) comes back with four decimals; money is shown with its currency's minor units. */
    public static BigDecimal inMinorUnits(BigDecimal amount, String currency) {
        return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    /** Whether a request with this payment's idempotency key asks for this same payment, and so is a retry of it. */
    public boolean isRequestedBy(NewPayment request) {
        return amount.compareTo(request.amount()) == 0 && currency.equals(request.currency())
                && customerId.equals(request.customerId()) && Objects.equals(description, request.description());
    }

    public void moveTo(PaymentStatus next) {
        status = next;
        updatedAt = DatabaseTime.now();
    }
}
