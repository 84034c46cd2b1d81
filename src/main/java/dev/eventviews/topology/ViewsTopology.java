package dev.eventviews.topology;

import static dev.eventviews.topology.Catalog.CUSTOMERS_VIEW;
import static dev.eventviews.topology.Catalog.CUSTOMER_EVENTS;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDERS_VIEW;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDER_VIEW;
import static dev.eventviews.topology.Catalog.GREETINGS_VIEW;
import static dev.eventviews.topology.Catalog.GREETING_EVENTS;
import static dev.eventviews.topology.Catalog.ORDERS_VIEW;
import static dev.eventviews.topology.Catalog.ORDER_EVENTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.eventviews.events.Order;
import dev.eventviews.idempotency.FirstAnswers;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.history.HistoryTopology;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.views.CustomerOrder;
import dev.eventviews.views.CustomerOrders;

/**
 * Folds the event topics into the materialized views:
 *
 * <pre>
 * customers ──► KTable [customers] ─────────┐
 * orders ─────► KTable [orders] ── FK join on customerId ──► [customer-order] ── group by customerId ──► [customer-orders]
 * greetings ──► KTable [greetings]
 * </pre>
 *
 * The foreign-key join keeps every order (keyed by orderId) next to its current customer, so a customer change
 * reaches all of its orders, and the aggregate holds all current orders of a customer, not just the last one.
 * <p>
 * The event topics are also read as streams, for the {@link FirstAnswers} of writes with an idempotency key, and
 * for the entities' histories and versions ({@link HistoryTopology}).
 */
public final class ViewsTopology {

    private static final Serde<String> KEYS = Serdes.String();

    private final ValueSerdes serdes;
    private final Duration idempotencyKeyRetention;
    private final HistoryTopology history;
    private ToIntFunction<String> partitionCount = topic -> 0;

    public ViewsTopology(ValueSerdes serdes, Duration idempotencyKeyRetention, Duration historyRetention) {
        this.serdes = serdes;
        this.idempotencyKeyRetention = idempotencyKeyRetention;
        this.history = new HistoryTopology(serdes, historyRetention);
    }

    /**
     * Dead-letters events that are not on their key's partition, given each event topic's partition count (0 when
     * unknown: not checked). Without it nothing is checked.
     */
    public ViewsTopology checkingPartitions(ToIntFunction<String> partitionCount) {
        this.partitionCount = partitionCount;
        return this;
    }

    public Topology build() {
        StreamsBuilder builder = ExplicitNames.requiredBy();
        var customerEvents = events(builder, CUSTOMER_EVENTS);
        var orderEvents = events(builder, ORDER_EVENTS);
        var greetingEvents = events(builder, GREETING_EVENTS);
        var customers = table(customerEvents, CUSTOMERS_VIEW);
        var orders = table(orderEvents, ORDERS_VIEW);
        table(greetingEvents, GREETINGS_VIEW);
        FirstAnswers.build(builder, List.of(customerEvents, orderEvents, greetingEvents), idempotencyKeyRetention,
                serde(Catalog.FIRST_ANSWERS.valueType()));
        history.record(Catalog.CUSTOMER_HISTORY, customerEvents);
        history.record(Catalog.ORDER_HISTORY, orderEvents);

        KTable<String, CustomerOrder> customerOrder = orders.join(customers, Order::getCustomerId,
                (order, customer) -> new CustomerOrder(customer, order), TableJoined.as("customer-order-join"), materialized(CUSTOMER_ORDER_VIEW));

        customerOrder
                .groupBy((orderId, row) -> KeyValue.pair(row.getCustomer().getCustomerId(), row),
                        Grouped.with("customer-orders-by-customer", KEYS, serde(CUSTOMER_ORDER_VIEW.valueType())))
                .aggregate(ViewsTopology::noOrders, ViewsTopology::withOrder, ViewsTopology::withoutOrder,
                        materialized(CUSTOMER_ORDERS_VIEW));
        return builder.build();
    }

    /** The topic's events that are on their key's partition ({@link PartitionCheck}). */
    private <V extends SpecificRecord> KStream<String, V> events(StreamsBuilder builder, Topic<V> topic) {
        return PartitionCheck.placed(builder.stream(topic.name(), Consumed.with(KEYS, serde(topic.valueType()))),
                topic.name(), serde(topic.valueType()), partitionCount);
    }

    /** The latest event per key; a tombstone deletes the key (what {@code builder.table} does, from the stream). */
    private <V extends SpecificRecord> KTable<String, V> table(KStream<String, V> events, View<V> view) {
        return events.toTable(Named.as(view.name() + "-table"), materialized(view));
    }

    private <V extends SpecificRecord> Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized(View<V> view) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>> as(view.name())
                .withKeySerde(KEYS)
                .withValueSerde(serde(view.valueType()));
    }

    private <V extends SpecificRecord> Serde<V> serde(Class<V> type) {
        return serdes.forType(type);
    }

    // The aggregate is built with the constructor, not the builder: the customer is set by the first adder call.
    static CustomerOrders noOrders() {
        return new CustomerOrders(null, new ArrayList<>());
    }

    /** Adds or replaces the row's order, so a redelivered event changes nothing. */
    static CustomerOrders withOrder(String customerId, CustomerOrder row, CustomerOrders aggregate) {
        List<Order> orders = without(aggregate.getOrders(), row.getOrder().getOrderId());
        orders.add(row.getOrder());
        orders.sort(Comparator.comparing(Order::getOrderId));
        return new CustomerOrders(row.getCustomer(), orders);
    }

    /** Removes the row's order; a customer left without orders leaves the view (null deletes the entry). */
    static CustomerOrders withoutOrder(String customerId, CustomerOrder row, CustomerOrders aggregate) {
        List<Order> orders = without(aggregate.getOrders(), row.getOrder().getOrderId());
        return orders.isEmpty() ? null : new CustomerOrders(aggregate.getCustomer(), orders);
    }

    private static List<Order> without(List<Order> orders, String orderId) {
        List<Order> rest = new ArrayList<>(orders.size() + 1);
        for (Order order : orders) {
            if (!order.getOrderId().equals(orderId)) {
                rest.add(order);
            }
        }
        return rest;
    }
}
