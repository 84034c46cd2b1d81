package dev.eventviews.history;

import java.time.Instant;
import java.util.List;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;

/**
 * A customer's customer-orders entry as it was at {@code asOf}: {@code customer} and {@code orders} as the live
 * read shows them (orders in orderId order, at most a page of them; {@code next} is the orderId to read more after,
 * null on the last page), and in {@code versions} which version of each it combined and when that version held.
 */
public record CustomerOrdersAsOf(Instant asOf, Customer customer, List<Order> orders, String next,
        Combined versions) {

    /** The versions an as-of answer combined: the customer's, and each order's row in that customer's orders. */
    public record Combined(Held customer, List<HeldOrder> orders) {
    }

    /** When a version held: from {@code validFrom} until {@code validTo} (null: it still holds). */
    public record Held(Instant validFrom, Instant validTo) {
    }

    /** When an order was, as shown, in the customer's orders. */
    public record HeldOrder(String orderId, Instant validFrom, Instant validTo) {
    }
}
