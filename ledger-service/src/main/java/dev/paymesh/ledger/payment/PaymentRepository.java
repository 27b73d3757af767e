package dev.paymesh.ledger.payment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, Long> {

    public Uni<Optional<Payment>> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResult().map(Optional::ofNullable);
    }

    public PanacheQuery<Payment> search(String customerId, PaymentStatus status) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (customerId != null) {
            query.append(" and customerId = :customerId");
            parameters.and("customerId", customerId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query.toString(), Sort.by("id"), parameters);
    }
}
