package dev.eventviews.write;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.eventviews.events.Order;

/**
 * Body of {@code POST /events/orders}: places or replaces an order. Without an orderId, one is generated; without
 * an orderPurchaseTime, the server's clock gives it. The customer need not exist yet: the order joins the
 * customer-orders view once it does.
 */
public record OrderRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
        @NotBlank @Size(max = 200) String orderItemName,
        @Size(max = 200) String orderPlace,
        Instant orderPurchaseTime) {

    Order toEvent(Clock clock, Supplier<String> newId) {
        return new Order(orderId != null ? orderId : newId.get(), customerId, orderItemName, orderPlace,
                orderPurchaseTime != null ? orderPurchaseTime : clock.instant());
    }
}
