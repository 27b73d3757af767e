package dev.paymesh.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.paymesh.gateway.ledger.LedgerPayment;

/** What makes a request with a stored key a retry of the stored payment rather than another payment. */
class ValidPaymentTest {

    private static final ValidPayment LAMP = new ValidPayment(new BigDecimal("42.10"), "EUR", "CUST042", "Lamp");

    private static LedgerPayment stored(String amount, String currency, String customerId, String description) {
        return new LedgerPayment("PAY042", new BigDecimal(amount), currency, customerId, description, "PENDING",
                "APPROVE", 3, null, null, 0);
    }

    @Test
    void theSamePaymentMatchesWhateverTheAmountsScale() {
        assertTrue(LAMP.isStoredAs(stored("42.1000", "EUR", "CUST042", "Lamp")));
        assertTrue(new ValidPayment(new BigDecimal("5.00"), "EUR", "CUST042", null)
                .isStoredAs(stored("5", "EUR", "CUST042", null)));
    }

    @Test
    void anotherAmountCurrencyCustomerOrDescriptionIsAnotherPayment() {
        assertFalse(LAMP.isStoredAs(stored("42.11", "EUR", "CUST042", "Lamp")));
        assertFalse(LAMP.isStoredAs(stored("42.10", "USD", "CUST042", "Lamp")));
        assertFalse(LAMP.isStoredAs(stored("42.10", "EUR", "CUST043", "Lamp")));
        assertFalse(LAMP.isStoredAs(stored("42.10", "EUR", "CUST042", "Lamps")));
        assertFalse(LAMP.isStoredAs(stored("42.10", "EUR", "CUST042", null)));
    }
}
