package dev.paymesh.ledger.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;

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
}
