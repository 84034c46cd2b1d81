package dev.eventviews.checkout;

/**
 * Keys of the stores that keep one row per pair (a product's reservations, an account's holds) or per time. The
 * separator cannot occur in an id ({@code commands.Ids}), so a prefix scan for {@code p-1/} never finds a row of
 * {@code p-10}.
 */
public final class RowKeys {

    private static final char SEPARATOR = '/';

    private RowKeys() {
    }

    /** The row of one order under its owner (a productId or a customerId). */
    public static String of(String owner, String orderId) {
        return owner + SEPARATOR + orderId;
    }

    /** Zero-padded epoch millis first, so that the stores' order (UTF-8 bytes) is the time order. */
    static String byTime(long epochMillis, String orderId) {
        return String.format("%019d%c%s", Math.max(epochMillis, 0), SEPARATOR, orderId);
    }

    /** A key above every {@link #byTime} key at or before {@code epochMillis}, and below every later one. */
    static String after(long epochMillis) {
        return String.format("%019d", Math.max(epochMillis, 0) + 1);
    }
}
