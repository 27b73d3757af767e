package dev.paymesh.ledger.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.paymesh.ledger.journal.Balance;
import dev.paymesh.ledger.journal.EntryDirection;
import dev.paymesh.ledger.journal.Journal;
import dev.paymesh.ledger.journal.JournalLine;
import dev.paymesh.ledger.payment.Payment;
import dev.paymesh.ledger.payment.PaymentService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/ledger/journal")
@Tag(name = "journal", description = "The double-entry journal written on approve and reversed on refund")
public class JournalResource {

    public record Line(String account, EntryDirection direction, BigDecimal amount, String currency) {
    }

    private final Journal journal;
    private final PaymentService payments;

    public JournalResource(Journal journal, PaymentService payments) {
        this.journal = journal;
        this.payments = payments;
    }

    @GET
    @Path("/payments/{id}")
    @WithSession
    @Operation(summary = "The journal lines booked for one payment")
    public Uni<List<Line>> linesOf(@PathParam("id") String id) {
        return payments.find(id).flatMap(payment -> journal.linesOf(payment.id)).map(lines -> lines.stream()
                .map(JournalResource::toLine).toList());
    }

    @GET
    @Path("/balance")
    @Operation(summary = "Debits and credits per currency; they are equal at all times")
    public Uni<List<Balance>> balance() {
        return journal.balances();
    }

    private static Line toLine(JournalLine line) {
        return new Line(line.account, line.direction, Payment.inMinorUnits(line.amount, line.currency), line.currency);
    }
}
