package dev.paymesh.ledger.payment;

import java.util.Currency;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class AmountFitsCurrencyValidator implements ConstraintValidator<AmountFitsCurrency, NewPayment> {

    private static final Pattern CURRENCY_CODE = Pattern.compile(NewPayment.CURRENCY_CODE);

    @Override
    public boolean isValid(NewPayment payment, ConstraintValidatorContext context) {
        // Missing or malformed fields are reported by their own constraints.
        if (payment.amount() == null || payment.currency() == null || !CURRENCY_CODE.matcher(payment.currency()).matches()) {
            return true;
        }
        int minorUnits = minorUnitsOf(payment.currency());
        if (minorUnits < 0) {
            return violation(context, "currency", "must be an ISO-4217 currency one can pay with");
        }
        if (payment.amount().stripTrailingZeros().scale() > minorUnits) {
            return violation(context, "amount", payment.currency() + " allows " + minorUnits + " decimal places");
        }
        return true;
    }

    /** The currency's decimal places; -1 for an unknown code or one without minor units. */
    private static int minorUnitsOf(String code) {
        try {
            return Currency.getInstance(code).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
