package dev.paymesh.ledger.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import org.hibernate.HibernateException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Storage failures in the shapes Hibernate Reactive reports them: only data PostgreSQL refuses is the caller's 400. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void dataPostgresqlRefusesIsABadRequest() {
        var refused = new ConstraintViolationException("could not execute statement",
                new SQLException("new row for relation \"payment\" violates check constraint", "23514"),
                "payment_amount_check");
        assertEquals(400, mappers.storageFailure(refused).getStatus());
        var tooLong = new JDBCException("could not execute statement",
                new SQLException("value too long for type character varying(255)", "22001"));
        assertEquals(400, mappers.storageFailure(tooLong).getStatus());
    }

    @Test
    void anUnreachableOrBusyDatabaseIsUnavailable() {
        assertEquals(503, mappers.storageFailure(new HibernateException("pool closed", new ConnectException())).getStatus());
        assertEquals(503, mappers.storageFailure(new JDBCException("could not execute statement",
                new SQLException("deadlock detected", "40P01"))).getStatus());
    }

    @Test
    void lockAndStatementTimeoutsInTheirJakartaShapesAreUnavailable() {
        var deadlock = new PessimisticLockException("could not execute statement",
                new SQLException("deadlock detected", "40P01"));
        var lockTimeout = new LockTimeoutException("could not execute statement",
                new SQLException("canceling statement due to lock timeout", "55P03"));
        var statementTimeout = new QueryTimeoutException("could not execute statement",
                new SQLException("canceling statement due to statement timeout", "57014"));
        for (var failure : List.of(deadlock, lockTimeout, statementTimeout)) {
            assertEquals(503, mappers.storageFailure(failure).getStatus(), failure.toString());
        }
    }
}
