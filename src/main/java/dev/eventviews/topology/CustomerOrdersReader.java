package dev.eventviews.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;

/**
 * Reads the customer-orders and customer-order views of one store partition: the rows of
 * {@link Catalog#CUSTOMER_ORDER_ROWS} joined with their customer from {@link Catalog#CUSTOMERS_VIEW} (the same
 * partition, in the same task). A customer without a customer record, or without orders, is not in the views.
 * <p>
 * Every read is bounded by its limits, never by how many orders a customer has: the rows are read in key order with
 * range scans, and a customer left out (no record) or read far enough is skipped with one new seek past the rest of
 * its rows. Each range iterator is closed before the read returns.
 */
public final class CustomerOrdersReader {

    /** The rows with keys from {@code from} to {@code to}, both inclusive, a null bound being open; in key order. */
    @FunctionalInterface
    public interface Rows {
        KeyValueIterator<String, Order> range(String from, String to);
    }

    /** Some items in key order, and the key to read the following items after, or null when there are none. */
    public record Slice<T>(List<T> items, String next) {
    }

    /** A customer and some of their orders, in orderId order; {@code next} is the orderId to read more after. */
    public record CustomerOrdersPage(Customer customer, List<Order> orders, String next) {
    }

    /** One order with its customer: an entry of the customer-order view. */
    public record CustomerOrder(Customer customer, Order order) {

        /** Its row key, {@link CustomerOrderKey}: the view's order, and the cursor to page after it. */
        public String key() {
            return CustomerOrderKey.of(customer.getCustomerId(), order.getOrderId());
        }
    }

    private final Function<String, Customer> customers;
    private final Rows rows;

    public CustomerOrdersReader(Function<String, Customer> customers, Rows rows) {
        this.customers = customers;
        this.rows = rows;
    }

    /** The customer with up to {@code limit} orders after {@code afterOrderId}; empty when not in the view. */
    public Optional<CustomerOrdersPage> customer(String customerId, String afterOrderId, int limit) {
        requirePositive(limit);
        Customer customer = customers.apply(customerId);
        if (customer == null) {
            return Optional.empty();
        }
        String after = afterOrderId == null ? null : CustomerOrderKey.of(customerId, afterOrderId);
        List<Order> orders = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<String, Order> range = rows.range(
                after == null ? CustomerOrderKey.first(customerId) : after, CustomerOrderKey.last(customerId))) {
            while (range.hasNext() && !more) {
                KeyValue<String, Order> row = range.next();
                if (row.key.equals(after)) {
                    continue;
                }
                if (orders.size() == limit) {
                    more = true;
                } else {
                    orders.add(row.value);
                }
            }
        }
        // A customer with no orders at all is not in the view; past the last order it is, with none left to show.
        if (orders.isEmpty() && (after == null || !hasRows(customerId))) {
            return Optional.empty();
        }
        return Optional.of(new CustomerOrdersPage(customer, orders, more ? lastOrderId(orders) : null));
    }

    /**
     * Up to {@code limit} customers after {@code afterCustomerId} (null: from the first), in customerId order, each
     * with up to {@code ordersPerCustomer} of their orders and the orderId to read more of them after.
     */
    public Slice<CustomerOrdersPage> customers(String afterCustomerId, int limit, int ordersPerCustomer) {
        requirePositive(limit);
        requirePositive(ordersPerCustomer);
        List<CustomerOrdersPage> items = new ArrayList<>();
        try (Walk walk = new Walk(afterCustomerId == null ? null : CustomerOrderKey.last(afterCustomerId))) {
            Walk.Row row = walk.next();
            while (row != null && items.size() < limit) {
                String customerId = row.customerId();
                Customer customer = row.customer();
                List<Order> orders = new ArrayList<>();
                while (row != null && row.customerId().equals(customerId) && orders.size() < ordersPerCustomer) {
                    orders.add(row.order());
                    row = walk.next();
                }
                boolean more = row != null && row.customerId().equals(customerId);
                items.add(new CustomerOrdersPage(customer, orders, more ? lastOrderId(orders) : null));
                if (more) {
                    walk.skipCustomer();
                    row = walk.next();
                }
            }
            String next = row != null ? lastOf(items).customer().getCustomerId() : null;
            return new Slice<>(items, next);
        }
    }

    /**
     * Up to {@code limit} orders, each with its customer, whose row keys ({@link CustomerOrderKey}) come after
     * {@code afterKey} (null: from the first): ordered by customer, then order.
     */
    public Slice<CustomerOrder> orders(String afterKey, int limit) {
        requirePositive(limit);
        List<CustomerOrder> items = new ArrayList<>();
        try (Walk walk = new Walk(afterKey)) {
            Walk.Row row = walk.next();
            while (row != null && items.size() < limit) {
                items.add(new CustomerOrder(row.customer(), row.order()));
                row = walk.next();
            }
            String next = row != null ? lastOf(items).key() : null;
            return new Slice<>(items, next);
        }
    }

    private boolean hasRows(String customerId) {
        try (KeyValueIterator<String, Order> range = rows.range(CustomerOrderKey.first(customerId),
                CustomerOrderKey.last(customerId))) {
            return range.hasNext();
        }
    }

    private static String lastOrderId(List<Order> orders) {
        return lastOf(orders).getOrderId();
    }

    private static <T> T lastOf(List<T> items) {
        return items.get(items.size() - 1);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A limit must be at least 1, not " + limit);
        }
    }

    /**
     * The rows after a key, in key order, of customers that have a customer record: each customer is looked up
     * once, and the rows of one without a record are skipped with a seek, not read.
     */
    private final class Walk implements AutoCloseable {

        record Row(String customerId, Customer customer, Order order) {
        }

        private final String after;
        private KeyValueIterator<String, Order> range;
        private String customerId;
        private Customer customer;

        Walk(String after) {
            this.after = after;
            this.range = rows.range(after, null);
        }

        /** The next row of a customer in the view, or null after the last. */
        Row next() {
            while (range.hasNext()) {
                KeyValue<String, Order> row = range.next();
                if (row.key.equals(after)) {
                    continue;
                }
                String rowCustomerId = CustomerOrderKey.customerIdOf(row.key);
                if (!rowCustomerId.equals(customerId)) {
                    customerId = rowCustomerId;
                    customer = customers.apply(rowCustomerId);
                }
                if (customer == null) {
                    skipCustomer();
                    continue;
                }
                return new Row(customerId, customer, row.value);
            }
            return null;
        }

        /** Goes on after the current customer's rows, without reading the rest of them. */
        void skipCustomer() {
            range.close();
            range = rows.range(CustomerOrderKey.last(customerId), null);
        }

        @Override
        public void close() {
            range.close();
        }
    }
}
