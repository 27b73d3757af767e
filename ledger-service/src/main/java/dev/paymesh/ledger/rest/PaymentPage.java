package dev.paymesh.ledger.rest;

import java.util.List;

public record PaymentPage(List<PaymentView> items, int page, int size, long totalItems, int totalPages) {
}
