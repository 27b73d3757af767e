package dev.paymesh.ledger.rest;

import java.util.List;

import dev.paymesh.ledger.payment.PaymentService.Listing;

public record PaymentPage(List<PaymentView> items, int page, int size, long totalItems, int totalPages) {

    static PaymentPage of(Listing listing) {
        return new PaymentPage(listing.items().stream().map(PaymentView::of).toList(), listing.page(), listing.size(),
                listing.totalItems(), listing.totalPages());
    }
}
