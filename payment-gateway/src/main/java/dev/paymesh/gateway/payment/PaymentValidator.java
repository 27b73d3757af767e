package dev.paymesh.gateway.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Checks a payment before anything leaves the gateway: the lab's "Validate Payment" span. Rules that depend on each
 * other (an amount's precision depends on its currency) are why this is code and not only annotations.
 */
@ApplicationScoped
public class PaymentValidator {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");
    static final int MAX_DESCRIPTION = 255;
    private static final int MAX_ATTRIBUTE_LENGTH = 80;
    /** A customer id, as a payment carries it and as the payment list filters by it. */
    public static final String CUSTOMER_ID_REGEX = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern CUSTOMER_ID = Pattern.compile(CUSTOMER_ID_REGEX);
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    /** Control characters, and UTF-16 surrogates without their pair, which PostgreSQL's client would store as '?'. */
    private static final Pattern UNSTORABLE_CHARACTER = Pattern.compile("[\\p{Cc}\\p{Cs}]");

    @WithSpan("Validate Payment")
    public ValidPayment validate(PaymentRequest request) {
        if (request == null) {
            throw new InvalidPaymentException(List.of(new InvalidPaymentException.Violation("body", "a payment is required")));
        }
        Span span = Span.current();
        if (request.customerId() != null) {
            span.setAttribute("customer.id", shortened(request.customerId()));
        }
        if (request.currency() != null) {
            span.setAttribute("payment.currency", shortened(request.currency()));
        }
        if (request.amount() != null) {
            // A number, as the lab sets it, so that TraceQL can compare it; an amount too large for a double reads
            // Infinity here and is refused below.
            span.setAttribute("payment.amount", request.amount().doubleValue());
        }

        List<InvalidPaymentException.Violation> violations = new ArrayList<>();
        Currency currency = currency(request.currency(), violations);
        BigDecimal amount = amount(request.amount(), currency, violations);
        if (request.customerId() == null || !CUSTOMER_ID.matcher(request.customerId()).matches()) {
            violations.add(new InvalidPaymentException.Violation("customerId",
                    "must be 1 to 64 letters, digits, '-' or '_'"));
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            violations.add(new InvalidPaymentException.Violation("description",
                    "must be at most " + MAX_DESCRIPTION + " characters"));
        } else if (request.description() != null && UNSTORABLE_CHARACTER.matcher(request.description()).find()) {
            // PostgreSQL cannot store NUL in text, and no other control character belongs in a one-line description.
            violations.add(new InvalidPaymentException.Violation("description",
                    "must not contain control characters or unpaired surrogates"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidPaymentException(violations);
        }
        return new ValidPayment(amount, currency.getCurrencyCode(), request.customerId(), request.description());
    }

    /** The input as received goes on the span before it is checked: a 60 KB customer id must not go with it. */
    private static String shortened(String input) {
        if (input.length() <= MAX_ATTRIBUTE_LENGTH) {
            return input;
        }
        // Never between the two halves of a surrogate pair.
        int end = Character.isHighSurrogate(input.charAt(MAX_ATTRIBUTE_LENGTH - 1)) ? MAX_ATTRIBUTE_LENGTH - 1 : MAX_ATTRIBUTE_LENGTH;
        return input.substring(0, end) + "...";
    }

    private static Currency currency(String code, List<InvalidPaymentException.Violation> violations) {
        if (code == null || !CURRENCY_CODE.matcher(code).matches()) {
            violations.add(new InvalidPaymentException.Violation("currency", "must be an ISO-4217 code such as EUR"));
            return null;
        }
        try {
            Currency currency = Currency.getInstance(code);
            // Codes such as XXX or XAU exist in ISO-4217 but are no money one can pay with.
            if (currency.getDefaultFractionDigits() >= 0) {
                return currency;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        violations.add(new InvalidPaymentException.Violation("currency", code + " is not an ISO-4217 currency"));
        return null;
    }

    private static BigDecimal amount(BigDecimal amount, Currency currency, List<InvalidPaymentException.Violation> violations) {
        if (amount == null) {
            violations.add(new InvalidPaymentException.Violation("amount", "is required"));
            return null;
        }
        if (amount.signum() <= 0) {
            violations.add(new InvalidPaymentException.Violation("amount", "must be greater than zero"));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            violations.add(new InvalidPaymentException.Violation("amount", "must be at most " + MAX_AMOUNT.toPlainString()));
            return null;
        }
        if (currency == null) {
            return null;
        }
        int minorUnits = currency.getDefaultFractionDigits();
        BigDecimal significant = amount.stripTrailingZeros();
        if (significant.scale() > minorUnits) {
            violations.add(new InvalidPaymentException.Violation("amount",
                    currency.getCurrencyCode() + " allows " + minorUnits + " decimal places"));
            return null;
        }
        return significant.setScale(minorUnits);
    }
}
