package dev.paymesh.ledger.payment;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/** PostgreSQL's SQLSTATE of a storage failure, in the shapes it reaches the ledger. */
public final class SqlState {

    public static final String UNIQUE_VIOLATION = "23505";

    private SqlState() {
    }

    /**
     * The first SQLSTATE in the failure's causes, or {@code null}. Hibernate Reactive reports a refused statement as a
     * {@code JDBCException} caused by an {@link SQLException} that carries the state (not by the driver's exception);
     * the bare driver as a {@link PgException}.
     */
    public static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = cause instanceof PgException pg ? pg.getSqlState()
                    : cause instanceof SQLException sql ? sql.getSQLState()
                    : null;
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** Class 22 (data exception) or 23 (integrity constraint): PostgreSQL refused the data itself. */
    public static boolean isDataRefusal(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
