package dev.paymesh.ledger.rest;

import jakarta.validation.constraints.NotNull;

import dev.paymesh.ledger.payment.PaymentAction;

public record TransitionRequest(@NotNull PaymentAction action) {
}
