package dev.paymesh.ledger.payment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The status is one a new payment can have ({@link PaymentStatus#isInitial()}); {@code null} is valid. */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = InitialStatusValidator.class)
public @interface InitialStatus {

    String message() default "must be PENDING, PENDING_REVIEW or DECLINED: a payment becomes APPROVED or REFUNDED through a transition";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
