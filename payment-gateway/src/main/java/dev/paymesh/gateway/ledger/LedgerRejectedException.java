package dev.paymesh.gateway.ledger;

/** ledger-service refused a request (404, 409, ...): the status and its problem detail are passed on as they are. */
public class LedgerRejectedException extends RuntimeException {

    private final int status;

    public LedgerRejectedException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
