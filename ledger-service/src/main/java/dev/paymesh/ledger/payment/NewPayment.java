package dev.paymesh.ledger.payment;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the gateway asks the ledger to store: a validated payment and the fraud decision that set its status. The
 * ledger checks it again, since anything that passes here is committed: text PostgreSQL cannot store (a NUL
 * character, half of a surrogate pair), an amount its currency cannot show or a status only a transition may set
 * must be a 400, never a stored row.
 */
@AmountFitsCurrency
public record NewPayment(
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @NotNull @Pattern(regexp = NewPayment.CURRENCY_CODE) String currency,
        @NotNull @Pattern(regexp = NewPayment.CUSTOMER_ID) String customerId,
        // An unpaired UTF-16 surrogate (\p{Cs}) would be stored as '?': the payment would no longer match its replays.
        @Size(max = 255) @Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*",
                message = "must not contain control characters or unpaired surrogates") String description,
        @NotNull @InitialStatus PaymentStatus status,
        @Pattern(regexp = "APPROVE|REVIEW|DECLINE|UNAVAILABLE") String fraudDecision,
        @Min(0) @Max(100) Integer fraudScore,
        @Pattern(regexp = NewPayment.IDEMPOTENCY_KEY) String idempotencyKey) {

    /** The header that carries the key of a lookup, as the gateway receives it from clients. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Printable ASCII without spaces, as the gateway accepts it in the {@code Idempotency-Key} header. */
    public static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,128}";
    /** As the gateway accepts it; also the {@code customerId} filter of the payment list. */
    public static final String CUSTOMER_ID = "[A-Za-z0-9_-]{1,64}";
    public static final String CURRENCY_CODE = "[A-Z]{3}";
}
