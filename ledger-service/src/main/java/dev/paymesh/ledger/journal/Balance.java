package dev.paymesh.ledger.journal;

import java.math.BigDecimal;

/** What the journal holds in one currency, per direction; double-entry keeps the two equal. */
public record Balance(String currency, BigDecimal debits, BigDecimal credits) {

    static Balance empty(String currency) {
        return new Balance(currency, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    Balance with(EntryDirection direction, BigDecimal total) {
        return direction == EntryDirection.DEBIT ? new Balance(currency, total, credits) : new Balance(currency, debits, total);
    }
}
