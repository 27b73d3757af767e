package dev.paymesh.ledger.journal;

public enum EntryDirection {
    DEBIT,
    CREDIT
}
