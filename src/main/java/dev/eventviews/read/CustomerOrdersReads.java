package dev.eventviews.read;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.CustomerOrdersReader;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrder;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrdersPage;
import dev.eventviews.topology.CustomerOrdersReader.Slice;

/**
 * The customer-orders and customer-order views, which no store holds as such: each read joins, in one partition,
 * the order rows ({@link Catalog#CUSTOMER_ORDER_ROWS}) with their customers ({@link Catalog#CUSTOMERS_VIEW}), with a
 * {@link CustomerOrdersReader}. The rows store's partitions route the reads, since a customer's rows and record are
 * in the partition of the customerId. What a read returns is bounded by its limits, not by a customer's orders.
 */
@ApplicationScoped
public class CustomerOrdersReads {

    /** How many of each customer's orders a list of customers shows, unless asked otherwise; and at most. */
    public static final int DEFAULT_ORDERS = 10;
    public static final int MAX_ORDERS = 100;

    @Inject
    ViewReads reads;

    /** One customer with up to {@code limit} of their orders after {@code afterOrderId}; missing when not in the view. */
    public KeyLookup<CustomerOrdersPage> customer(String customerId, String afterOrderId, int limit,
            ReadOptions options, URI request) {
        return reads.findJoined(Catalog.CUSTOMER_ORDER_ROWS, customerId, options, request,
                stores -> reader(stores).customer(customerId, afterOrderId, limit));
    }

    /** Up to {@code limit} customers after {@code afterCustomerId}, each with their first {@code orders} orders. */
    public ListPart<CustomerOrdersPage> customers(String afterCustomerId, int limit, int orders, ReadOptions options,
            URI request) {
        return reads.listJoined(Catalog.CUSTOMER_ORDER_ROWS, CustomerOrdersPage.class,
                page -> page.customer().getCustomerId(), limit, options, request,
                stores -> page(reader(stores).customers(afterCustomerId, limit, orders)));
    }

    /** Up to {@code limit} orders with their customer whose row keys come after {@code afterKey}. */
    public ListPart<CustomerOrder> orders(String afterKey, int limit, ReadOptions options, URI request) {
        return reads.listJoined(Catalog.CUSTOMER_ORDER_ROWS, CustomerOrder.class, CustomerOrder::key, limit, options,
                request, stores -> page(reader(stores).orders(afterKey, limit)));
    }

    private static CustomerOrdersReader reader(PartitionStores stores) {
        return new CustomerOrdersReader(customerId -> stores.get(Catalog.CUSTOMERS_VIEW, customerId),
                (from, to) -> stores.range(Catalog.CUSTOMER_ORDER_ROWS, from, to));
    }

    private static <T> Page<T> page(Slice<T> slice) {
        return new Page<>(slice.items(), slice.next());
    }
}
