package dev.paymesh.gateway.ledger;

/** ledger-service (or its database) could not be reached or could not commit: nothing may be reported as stored. */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(Throwable cause) {
        super("The ledger is unavailable: " + cause.getMessage(), cause);
    }
}
