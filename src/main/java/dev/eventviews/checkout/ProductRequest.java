package dev.eventviews.checkout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Product;
import dev.eventviews.write.Ids;

/** Body of {@code POST /events/products}: creates or replaces a product's name and price (not its stock). */
public record ProductRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
        @NotBlank @Size(max = 200) String name,
        @NotNull @PositiveOrZero @Max(MAX_PRICE_CENTS) Long priceCents) {

    /**
     * 10 million in cents. With at most {@link CheckoutRequest#MAX_LINES} lines of at most
     * {@link CheckoutRequest#MAX_QUANTITY} units, no checkout's amount comes near a long's range.
     */
    public static final long MAX_PRICE_CENTS = 1_000_000_000L;

    Product toEvent() {
        return new Product(productId, name, priceCents);
    }
}
