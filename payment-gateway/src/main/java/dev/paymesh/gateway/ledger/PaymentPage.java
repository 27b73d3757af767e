package dev.paymesh.gateway.ledger;

import java.util.List;

public record PaymentPage(List<LedgerPayment> items, int page, int size, long totalItems, int totalPages) {
}
