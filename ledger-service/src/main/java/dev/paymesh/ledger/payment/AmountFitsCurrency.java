package dev.paymesh.ledger.payment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The currency is one people pay with (ISO-4217 with minor units, so not XXX or XAU) and the amount has no more
 * decimal places than it allows (EUR 2, JPY 0): what the ledger needs to show a stored payment again.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AmountFitsCurrencyValidator.class)
public @interface AmountFitsCurrency {

    String message() default "must fit the currency's minor units";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
