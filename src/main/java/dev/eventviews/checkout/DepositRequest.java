package dev.eventviews.checkout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.eventviews.events.Deposit;

/** Body of {@code POST /events/customers/{customerId}/deposits}: funds added to the customer's account. */
public record DepositRequest(@NotNull @Positive @Max(MAX_AMOUNT_CENTS) Long amountCents) {

    /** 10 billion in cents per deposit: a balance reaches a long's range only after about a million of them. */
    public static final long MAX_AMOUNT_CENTS = 1_000_000_000_000L;

    Deposit toEvent(String customerId) {
        return new Deposit(customerId, amountCents);
    }
}
