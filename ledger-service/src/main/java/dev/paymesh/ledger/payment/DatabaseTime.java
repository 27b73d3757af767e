package dev.paymesh.ledger.payment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The current instant as a PostgreSQL {@code timestamptz} keeps it: in UTC and to the microsecond. An answer built
 * from the entity before it is read back (a 201, a transition) then shows the times every later read shows.
 */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
