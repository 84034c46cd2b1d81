package dev.eventviews.history;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;

import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the {@code customer-order-versions} store, as raw bytes:
 * {@code <customerId> 0x00 <orderId> 0x00 <validFrom, 8 bytes big-endian>}.
 * <p>
 * As in {@link HistoryKeys}, ids never contain 0x00 and 0x00 sorts below every id byte, so a customer's rows are
 * one contiguous range (never interleaved with those of {@code c-10} when reading {@code c-1}), within it each
 * order's rows are contiguous, in orderId order, and those are sorted by validFrom. A customer's orders as of an
 * instant are then one range read; one order's versions around an instant are two seeks.
 */
final class OrderVersionKeys {

    private static final byte SEPARATOR = 0;
    private static final byte AFTER_SEPARATOR = 1;

    private OrderVersionKeys() {
    }

    /** Whether the ids can have rows: an id holding the separator would blur two customers' or orders' ranges. */
    static boolean indexable(String customerId, String orderId) {
        return HistoryKeys.indexable(customerId) && HistoryKeys.indexable(orderId);
    }

    static Bytes row(String customerId, String orderId, long validFrom) {
        byte[] prefix = orderPrefix(customerId, orderId);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix)
                .putLong(Math.max(validFrom, 0)).array());
    }

    /** Below every row of the customer. */
    static Bytes customerFirst(String customerId) {
        return Bytes.wrap(ByteBuffer.allocate(length(customerId) + 1).put(customerId.getBytes(UTF_8))
                .put(SEPARATOR).array());
    }

    /** Above every row of the customer and below every row of any other: the separator's successor. */
    static Bytes customerLast(String customerId) {
        return Bytes.wrap(ByteBuffer.allocate(length(customerId) + 1).put(customerId.getBytes(UTF_8))
                .put(AFTER_SEPARATOR).array());
    }

    /** Above every row of the customer's order {@code orderId}, and below those of the orders after it. */
    static Bytes afterOrder(String customerId, String orderId) {
        byte[] prefix = orderPrefix(customerId, orderId);
        prefix[prefix.length - 1] = AFTER_SEPARATOR;
        return Bytes.wrap(prefix);
    }

    private static byte[] orderPrefix(String customerId, String orderId) {
        byte[] customer = customerId.getBytes(UTF_8);
        byte[] order = orderId.getBytes(UTF_8);
        return ByteBuffer.allocate(customer.length + 1 + order.length + 1)
                .put(customer).put(SEPARATOR).put(order).put(SEPARATOR).array();
    }

    private static int length(String id) {
        return id.getBytes(UTF_8).length;
    }
}
