package dev.paymesh.ledger.journal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One side of a double-entry journal entry; the lines of an entry share its {@link #entryId}. */
@Entity
@Table(name = "journal_line")
public class JournalLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(name = "payment_id", nullable = false)
    public Long paymentId;

    @Column(nullable = false)
    public String account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntryDirection direction;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal amount;

    // char(3) in the schema: a currency code always has three letters.
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    static JournalLine of(UUID entryId, long paymentId, String account, EntryDirection direction, BigDecimal amount,
            String currency, OffsetDateTime at) {
        JournalLine line = new JournalLine();
        line.entryId = entryId;
        line.paymentId = paymentId;
        line.account = account;
        line.direction = direction;
        line.amount = amount;
        line.currency = currency;
        line.createdAt = at;
        return line;
    }
}
