package dev.eventviews.topology;

import static dev.eventviews.topology.Catalog.CUSTOMERS_VIEW;
import static dev.eventviews.topology.Catalog.CUSTOMER_EVENTS;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDER_ROWS;
import static dev.eventviews.topology.Catalog.GREETINGS_VIEW;
import static dev.eventviews.topology.Catalog.GREETING_EVENTS;
import static dev.eventviews.topology.Catalog.ORDERS_VIEW;
import static dev.eventviews.topology.Catalog.ORDER_EVENTS;
import static dev.eventviews.topology.Catalog.ORDER_ROW_CHANGES;

import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Order;
import dev.eventviews.history.HistoryTopology;
import dev.eventviews.idempotency.FirstAnswers;
import dev.eventviews.kafka.PersistentStores;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.views.OrderRowChange;

/**
 * Folds the event topics into the materialized views:
 *
 * <pre>
 * customers ──► KTable [customers] ◄──────────────── same task; joined when read ────────────────┐
 * orders ─────► order-router [orders] ──► customer-orders-by-customer ──► customer-order-rows [customer-orders]
 *                  row changes, keyed        repartition topic                one row per order, keyed
 *                  by customerId                                              customerId,orderId
 * greetings ──► KTable [greetings]
 * </pre>
 *
 * The customer-orders view is one row per order, so nothing stored or sent grows with a customer's orders. The
 * {@link OrderRouter} keeps the latest order per orderId and, knowing the previous version, sends each change of a
 * row to the customer it concerns: the order to its customer, a removal to the customer it left (deleted, or moved
 * to another customer). The changes are re-keyed by customerId through one repartition topic with the event topics'
 * partition count, so partition n of the rows and of the customers are in the same task: the
 * {@link CustomerOrderRows} processor is connected to the customers store for that reason, though it only writes
 * the rows. The customer itself is stored once, in [customers], and joined to its rows when they are read
 * ({@link CustomerOrdersReader}): a customer change is one write, whatever the number of its orders, and an order
 * that arrives before its customer appears once the customer does. The same rows joined with their customer are
 * also the customer-order view (every order with its customer), so there is no per-order copy of the customer.
 * <p>
 * The event topics are also read as streams, for the {@link FirstAnswers} of writes with an idempotency key, and
 * for the entities' histories and versions ({@link HistoryTopology}).
 * <p>
 * The checkout saga ({@link CheckoutTopology}) is added to the same topology: it reads the customers view. Its
 * event topics are read by its own processors, under which {@link FirstAnswers#addTo} records their first answers.
 */
public final class ViewsTopology {

    private static final Serde<String> KEYS = Serdes.String();

    private final ValueSerdes serdes;
    private final Duration idempotencyKeyRetention;
    private final HistoryTopology history;
    private final int partitions;
    private final CheckoutTopology checkout;
    private ToIntFunction<String> partitionCount = topic -> 0;

    /** {@code partitions}: the event topics' partition count, which the customers and the rows must share. */
    public ViewsTopology(ValueSerdes serdes, Duration idempotencyKeyRetention, Duration historyRetention,
            int partitions, CheckoutTopology checkout) {
        this.serdes = serdes;
        this.idempotencyKeyRetention = idempotencyKeyRetention;
        this.history = new HistoryTopology(serdes, historyRetention);
        this.partitions = partitions;
        this.checkout = checkout;
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
        return build(ExplicitNames.requiredBy());
    }

    /** With a builder of a given configuration (tests build with their own driver's configuration). */
    Topology build(StreamsBuilder builder) {
        var customerEvents = events(builder, CUSTOMER_EVENTS);
        var orderEvents = events(builder, ORDER_EVENTS);
        var greetingEvents = events(builder, GREETING_EVENTS);
        table(customerEvents, CUSTOMERS_VIEW);
        table(greetingEvents, GREETINGS_VIEW);
        customerOrderRows(builder, orderEvents);
        FirstAnswers.build(builder, List.of(customerEvents, orderEvents, greetingEvents), idempotencyKeyRetention,
                serde(Catalog.FIRST_ANSWERS.valueType()));
        history.record(Catalog.CUSTOMER_HISTORY, customerEvents);
        history.record(Catalog.ORDER_HISTORY, orderEvents);
        Topology topology = checkout.addTo(builder.build(), CUSTOMERS_VIEW);
        history.record(Catalog.PRODUCT_HISTORY, topology, CheckoutTopology.sourceName(Catalog.PRODUCT_EVENTS));
        FirstAnswers.addTo(topology, "checkout", CheckoutTopology.eventSources(), idempotencyKeyRetention,
                serde(Catalog.FIRST_ANSWERS.valueType()));
        return topology;
    }

    /**
     * The orders view, and the customer-orders rows in the customers' tasks (after the customers table), with their
     * versions.
     */
    private void customerOrderRows(StreamsBuilder builder, KStream<String, Order> orderEvents) {
        // Timestamped, as the KTable stores are: the same format on disk and in the changelog as a KTable's.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                PersistentStores.timestampedKeyValue(ORDERS_VIEW.name()), KEYS, serde(ORDERS_VIEW.valueType()))
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                PersistentStores.keyValue(CUSTOMER_ORDER_ROWS.name()), KEYS,
                serde(CUSTOMER_ORDER_ROWS.valueType()))
                .withCachingEnabled());
        KStream<String, OrderRowChange> rowChanges = orderEvents
                .process(OrderRouter::new, Named.as("order-router"), ORDERS_VIEW.name())
                .repartition(Repartitioned.<String, OrderRowChange> as(ORDER_ROW_CHANGES.name())
                        .withKeySerde(KEYS)
                        .withValueSerde(serde(ORDER_ROW_CHANGES.valueType()))
                        .withNumberOfPartitions(partitions));
        rowChanges.process(CustomerOrderRows::new, Named.as("customer-order-rows"), CUSTOMER_ORDER_ROWS.name(),
                CUSTOMERS_VIEW.name());
        history.recordCustomerOrders(rowChanges);
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
        return Materialized.<String, V>as(PersistentStores.timestampedKeyValue(view.name()))
                .withKeySerde(KEYS)
                .withValueSerde(serde(view.valueType()));
    }

    private <V extends SpecificRecord> Serde<V> serde(Class<V> type) {
        return serdes.forType(type);
    }
}
