package dev.eventviews.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/**
 * Reads a customer's orders as of an instant from the versions of the customer-orders rows
 * ({@link OrderVersionRecorder}): one range read over the customer's rows after an orderId, keeping each order's
 * version that held at that instant, if one did and was not a removal.
 * <p>
 * The read costs the customer's versions, not its orders: every version of the customer's rows within the
 * retention (and each row's current one) is read until the page is full, so a customer whose orders changed often
 * costs more to read into the past than its number of orders says. Other customers' rows are never read.
 */
final class OrderVersionReads {

    /** The bounds (both inclusive) of a customer's rows after an orderId (null: from the first). */
    record Range(Bytes lower, Bytes upper) {
    }

    /** The versions that held, in orderId order, and whether rows after the last of them hold too. */
    record Held(List<OrderVersion> versions, boolean more) {
    }

    private OrderVersionReads() {
    }

    static Range range(String customerId, String afterOrderId) {
        return new Range(afterOrderId == null ? OrderVersionKeys.customerFirst(customerId)
                : OrderVersionKeys.afterOrder(customerId, afterOrderId), OrderVersionKeys.customerLast(customerId));
    }

    /** Up to {@code limit} of the versions of {@link #range} that held at {@code asOf}, an order each. */
    static Held at(Iterator<KeyValue<Bytes, OrderVersion>> rows, Instant asOf, int limit) {
        List<OrderVersion> held = new ArrayList<>();
        while (rows.hasNext()) {
            OrderVersion version = rows.next().value;
            if (!holds(version, asOf)) {
                continue;
            }
            if (held.size() == limit) {
                return new Held(held, true);
            }
            held.add(version);
        }
        return new Held(held, false);
    }

    private static boolean holds(OrderVersion version, Instant asOf) {
        return version.getOrder() != null && !version.getValidFrom().isAfter(asOf)
                && (version.getValidTo() == null || asOf.isBefore(version.getValidTo()));
    }
}
