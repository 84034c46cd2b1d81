package dev.eventviews.checkout;

import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.eventviews.write.Ids;
import dev.eventviews.events.CheckoutItem;
import dev.eventviews.events.CheckoutRequested;

/**
 * Body of {@code POST /checkout}: what a customer wants to buy. Without an orderId, one is generated. What can be
 * wrong with the request itself is refused here (a 400); what depends on the stock, the account or the customer is
 * decided by the saga and ends as a REJECTED checkout.
 */
public record CheckoutRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotNull @Size(min = 1, max = MAX_LINES) List<@NotNull @Valid Line> lines) {

    /** The most lines a checkout may have; it bounds the checkout's value and its history. */
    public static final int MAX_LINES = 100;
    /** The most units of one product per line: far below what could overflow an amount with a sane price. */
    public static final int MAX_QUANTITY = 1_000_000;

    public record Line(
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotNull @Positive @Max(MAX_QUANTITY) Integer quantity) {
    }

    /** Two lines of one product would share one reservation (reservations are keyed by product and order). */
    @AssertTrue(message = "must not name a product twice")
    public boolean isEveryProductOnce() {
        return lines == null || lines.stream().filter(line -> line != null).map(Line::productId)
                .allMatch(new HashSet<>()::add);
    }

    CheckoutRequested toEvent(Supplier<String> newId) {
        List<CheckoutItem> items = lines.stream().map(line -> new CheckoutItem(line.productId(), line.quantity()))
                .toList();
        return new CheckoutRequested(orderId != null ? orderId : newId.get(), customerId, items);
    }
}
