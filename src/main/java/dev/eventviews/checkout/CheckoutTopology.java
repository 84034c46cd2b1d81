package dev.eventviews.checkout;

import static dev.eventviews.topology.Catalog.ACCOUNTS_VIEW;
import static dev.eventviews.topology.Catalog.ACCOUNT_COMMANDS;
import static dev.eventviews.topology.Catalog.CHECKOUTS_VIEW;
import static dev.eventviews.topology.Catalog.CHECKOUT_DEADLINES;
import static dev.eventviews.topology.Catalog.CHECKOUT_EVENTS;
import static dev.eventviews.topology.Catalog.CHECKOUT_REPLIES;
import static dev.eventviews.topology.Catalog.DEPOSIT_EVENTS;
import static dev.eventviews.topology.Catalog.HOLDS_VIEW;
import static dev.eventviews.topology.Catalog.INVENTORY_COMMANDS;
import static dev.eventviews.topology.Catalog.PRODUCTS_VIEW;
import static dev.eventviews.topology.Catalog.PRODUCT_EVENTS;
import static dev.eventviews.topology.Catalog.RESERVATIONS_VIEW;
import static dev.eventviews.topology.Catalog.STOCK_ADJUSTMENT_EVENTS;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.checkout.Message.Destination;
import dev.eventviews.events.Customer;
import dev.eventviews.kafka.PersistentStores;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.Catalog.View;

/**
 * The checkout saga's part of the topology: two participants and the orchestrator, each a processor with its
 * stores, talking through the saga's topics.
 *
 * <pre>
 * products ───────────┐
 * stock-adjustments ──┼─► inventory-participant [products, stock-reservations] ───────────► checkout-replies
 * inventory-commands ─┘
 * deposits ───────────┬─► accounts-participant [accounts, account-holds; reads customers] ─► checkout-replies
 * account-commands ───┘
 * checkouts ──────────┬─► checkout-process [checkouts, checkout-deadlines] ─┬─► inventory-commands
 * checkout-replies ───┘                                                     ├─► account-commands
 *                                                                           └─► orders (completed checkouts)
 * </pre>
 *
 * Each processor reads topics keyed alike (productId, customerId, orderId) with the same partition count, so each of
 * its tasks holds all inputs of its keys and applies them in order, under exactly-once processing.
 * <p>
 * Written with the Processor API rather than the DSL because that is the shape of a saga: each participant reads
 * several topics of different value types into one processor, and the orchestrator sends three value types to three
 * topics (by the name of the sink). The DSL would need merged streams of a common supertype, a split and a cast
 * per branch, each a node that needs a name. Every node here is named; the stores and topics are the
 * {@code Catalog}'s.
 */
public final class CheckoutTopology {

    static final String INVENTORY = "inventory-participant";
    static final String ACCOUNTS = "accounts-participant";
    static final String CHECKOUT_PROCESS = "checkout-process";

    private static final Serde<String> KEYS = Serdes.String();

    private final ValueSerdes serdes;
    private final Duration stepTimeout;
    private final Function<String, KeyValueBytesStoreSupplier> stores;

    /** {@code stepTimeout}: how long a step may take to answer before the checkout is rejected. */
    public CheckoutTopology(ValueSerdes serdes, Duration stepTimeout) {
        this(serdes, stepTimeout, PersistentStores::keyValue);
    }

    /**
     * With stores of another kind: in memory for tests that pass tens of thousands of records through a test
     * driver, which flushes every RocksDB store to disk after each record.
     */
    CheckoutTopology(ValueSerdes serdes, Duration stepTimeout, Function<String, KeyValueBytesStoreSupplier> stores) {
        this.serdes = serdes;
        this.stepTimeout = stepTimeout;
        this.stores = stores;
    }

    /** Adds the saga to {@code topology}, whose {@code customers} view verifies customers; returns the topology. */
    public Topology addTo(Topology topology, View<Customer> customers) {
        addInventory(topology);
        addAccounts(topology, customers);
        addCheckoutProcess(topology);
        return topology;
    }

    /**
     * The source nodes of the event topics the saga reads (the write side's: products, stock adjustments, deposits,
     * checkouts), under which the Idempotency-Key answers of their writes are recorded.
     */
    public static List<String> eventSources() {
        return Stream.of(PRODUCT_EVENTS, STOCK_ADJUSTMENT_EVENTS, DEPOSIT_EVENTS, CHECKOUT_EVENTS)
                .map(CheckoutTopology::sourceName).toList();
    }

    void addInventory(Topology topology) {
        topology.addProcessor(INVENTORY, Inventory::new,
                source(topology, PRODUCT_EVENTS), source(topology, STOCK_ADJUSTMENT_EVENTS),
                source(topology, INVENTORY_COMMANDS));
        store(topology, PRODUCTS_VIEW, INVENTORY);
        store(topology, RESERVATIONS_VIEW, INVENTORY);
        sink(topology, INVENTORY + "-replies", CHECKOUT_REPLIES, INVENTORY);
    }

    void addAccounts(Topology topology, View<Customer> customers) {
        topology.addProcessor(ACCOUNTS, () -> new Accounts(customers.name()),
                source(topology, DEPOSIT_EVENTS), source(topology, ACCOUNT_COMMANDS));
        store(topology, ACCOUNTS_VIEW, ACCOUNTS);
        store(topology, HOLDS_VIEW, ACCOUNTS);
        // The customers view belongs to the views' sub-topology (customers are keyed by customerId too); connecting
        // it merges the two into one.
        topology.connectProcessorAndStateStores(ACCOUNTS, customers.name());
        sink(topology, ACCOUNTS + "-replies", CHECKOUT_REPLIES, ACCOUNTS);
    }

    void addCheckoutProcess(Topology topology) {
        topology.addProcessor(CHECKOUT_PROCESS, () -> new CheckoutProcess(stepTimeout),
                source(topology, CHECKOUT_EVENTS), source(topology, CHECKOUT_REPLIES));
        store(topology, CHECKOUTS_VIEW, CHECKOUT_PROCESS);
        topology.addStateStore(Stores.keyValueStoreBuilder(stores.apply(CHECKOUT_DEADLINES),
                KEYS, Serdes.String()), CHECKOUT_PROCESS);
        for (Destination destination : Destination.values()) {
            sink(topology, destination.sink(), destination.topic, CHECKOUT_PROCESS);
        }
    }

    /** Adds a source node for the topic and returns its name. */
    private String source(Topology topology, Topic<? extends SpecificRecord> topic) {
        String name = sourceName(topic);
        topology.addSource(name, KEYS.deserializer(), serde(topic.valueType()).deserializer(), topic.name());
        return name;
    }

    /** The name of the source node of one of the saga's topics, under which other parts may add processors. */
    public static String sourceName(Topic<?> topic) {
        return topic.name() + "-source";
    }

    private void sink(Topology topology, String name, Topic<? extends SpecificRecord> topic, String parent) {
        topology.addSink(name, topic.name(), KEYS.serializer(), serde(topic.valueType()).serializer(), parent);
    }

    /**
     * A logged key-value store, without a cache: every change reaches the changelog (and the live view of it) at
     * the next commit, and the processors read their own writes from the store.
     */
    private <V extends SpecificRecord> void store(Topology topology, View<V> view, String processor) {
        topology.addStateStore(Stores.keyValueStoreBuilder(stores.apply(view.name()), KEYS,
                serde(view.valueType())), processor);
    }

    private <V extends SpecificRecord> Serde<V> serde(Class<V> type) {
        return serdes.forType(type);
    }
}
