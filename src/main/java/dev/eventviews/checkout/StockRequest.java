package dev.eventviews.checkout;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.eventviews.events.StockAdjusted;

/**
 * Body of {@code POST /events/products/{productId}/stock}: units to add (positive) or remove (negative). A removal
 * takes at most the units that are not reserved; the product view tells how many it applied.
 */
public record StockRequest(@NotNull @Min(-MAX_DELTA) @Max(MAX_DELTA) Long delta) {

    public static final long MAX_DELTA = 1_000_000_000L;

    @AssertTrue(message = "must not be 0: a delta adds or removes units")
    public boolean isChange() {
        return delta == null || delta != 0;
    }

    StockAdjusted toEvent(String productId) {
        return new StockAdjusted(productId, delta);
    }
}
