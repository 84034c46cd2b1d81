package dev.eventviews.topology;

/**
 * The key of one row of {@link Catalog#CUSTOMER_ORDER_ROWS}: {@code <customerId>,<orderId>}, e.g. {@code c-1,o-7}.
 * <p>
 * Ids never contain the separator, and it sorts (as a UTF-8 byte, the stores' key order) before every character an
 * id may contain (see {@code Ids.PATTERN}). So the stores' key order is the order of customers, then of their
 * orders: {@code c,o-1} sorts before {@code c-1,o-1} just as {@code c} sorts before {@code c-1}, and all the rows of
 * one customer are one contiguous range. The key stays printable in logs, changelogs and paging cursors.
 */
public final class CustomerOrderKey {

    static final char SEPARATOR = ',';
    /**
     * The character after the separator. No row key is {@code <customerId>} followed by it (every row key has the
     * separator right after the customer id), so it ends a customer's range, inclusive, without matching a row.
     */
    private static final char AFTER_SEPARATOR = SEPARATOR + 1;

    private CustomerOrderKey() {
    }

    public static String of(String customerId, String orderId) {
        requireId(customerId);
        requireId(orderId);
        return customerId + SEPARATOR + orderId;
    }

    /** The lowest key of a customer's rows (below every one of them): the start of the customer's range. */
    public static String first(String customerId) {
        requireId(customerId);
        return customerId + SEPARATOR;
    }

    /** A key above every row of the customer and below every row of the next one: the end of the customer's range. */
    public static String last(String customerId) {
        requireId(customerId);
        return customerId + AFTER_SEPARATOR;
    }

    public static String customerIdOf(String key) {
        return key.substring(0, separatorIn(key));
    }

    public static String orderIdOf(String key) {
        return key.substring(separatorIn(key) + 1);
    }

    private static int separatorIn(String key) {
        int separator = key.indexOf(SEPARATOR);
        if (separator <= 0 || separator == key.length() - 1) {
            throw new IllegalArgumentException("Not a customer-order row key: " + key);
        }
        return separator;
    }

    /** Whether an id can be part of a row key: one with the separator would sort among another customer's rows. */
    static boolean fits(String id) {
        return id != null && !id.isEmpty() && id.indexOf(SEPARATOR) < 0;
    }

    private static void requireId(String id) {
        if (!fits(id)) {
            throw new IllegalArgumentException("Not an id for a customer-order row key: " + id);
        }
    }
}
