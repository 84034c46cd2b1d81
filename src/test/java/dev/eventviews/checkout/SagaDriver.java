package dev.eventviews.checkout;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.topology.TestViews;
import dev.eventviews.events.Address;
import dev.eventviews.events.CheckoutItem;
import dev.eventviews.events.CheckoutRequested;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Deposit;
import dev.eventviews.events.Order;
import dev.eventviews.events.Product;
import dev.eventviews.events.StockAdjusted;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.PlainAvroSerdes;
import dev.eventviews.topology.ViewsTopology;

/**
 * A TopologyTestDriver around the checkout saga (exactly-once, plain Avro serdes, a mock wall clock), with one
 * method per thing a test does. Records the saga sends to its own topics are processed again by the driver, as
 * those topics are sources of the same topology; they are also kept as outputs, which {@link #sent} reads.
 */
final class SagaDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-05-01T10:15:30Z");
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    static final Address ADDRESS = new Address("1 Main St", "Springfield", "12345", "US");

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();
    private final TopologyTestDriver driver;
    private final Topology topology;

    private SagaDriver(Topology topology, Path stateDir) {
        Properties config = TestViews.driverConfig("checkout-test", stateDir);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        this.topology = topology;
        this.driver = new TopologyTestDriver(topology, config, T0);
    }

    /** The application's whole topology: the views and the saga. */
    static SagaDriver whole(Path stateDir) {
        return new SagaDriver(TestViews.topology(new PlainAvroSerdes(), TestViews.IDEMPOTENCY_KEY_RETENTION,
                TestViews.HISTORY_RETENTION, STEP_TIMEOUT).build(), stateDir);
    }

    /**
     * Only some parts of the saga, e.g. without a participant, whose commands then stay unanswered on their topic
     * (a test answers them by hand, or lets them time out).
     */
    static SagaDriver parts(Path stateDir, BiConsumer<CheckoutTopology, Topology> add) {
        return parts(stateDir, new CheckoutTopology(new PlainAvroSerdes(), STEP_TIMEOUT), add);
    }

    /** The same, with in-memory stores: for tests that pipe many records (the driver flushes RocksDB per record). */
    static SagaDriver partsInMemory(Path stateDir, BiConsumer<CheckoutTopology, Topology> add) {
        return parts(stateDir, inMemory(), add);
    }

    private static SagaDriver parts(Path stateDir, CheckoutTopology saga, BiConsumer<CheckoutTopology, Topology> add) {
        Topology topology = new Topology();
        add.accept(saga, topology);
        return new SagaDriver(topology, stateDir);
    }

    /**
     * The accounts with the customers view they read (a table of the customers topic, as in the application), with
     * in-memory stores.
     */
    static SagaDriver accountsInMemory(Path stateDir) {
        PlainAvroSerdes serdes = new PlainAvroSerdes();
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(Catalog.CUSTOMERS, Consumed.with(Serdes.String(), serdes.forType(Customer.class)),
                Materialized.<String, Customer> as(Stores.inMemoryKeyValueStore(Catalog.CUSTOMERS_VIEW.name()))
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.forType(Customer.class)));
        Topology topology = builder.build();
        inMemory().addAccounts(topology, Catalog.CUSTOMERS_VIEW);
        return new SagaDriver(topology, stateDir);
    }

    private static CheckoutTopology inMemory() {
        return new CheckoutTopology(new PlainAvroSerdes(), STEP_TIMEOUT, Stores::inMemoryKeyValueStore);
    }

    Topology topology() {
        return topology;
    }

    // ---- inputs ---------------------------------------------------------------------------------------------

    <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), serdes.forType(topic.valueType()).serializer())
                .pipeInput(key, value);
    }

    void product(String productId, String name, long priceCents) {
        pipe(Catalog.PRODUCT_EVENTS, productId, new Product(productId, name, priceCents));
    }

    void adjustStock(String productId, long delta) {
        pipe(Catalog.STOCK_ADJUSTMENT_EVENTS, productId, new StockAdjusted(productId, delta));
    }

    void deposit(String customerId, long amountCents) {
        pipe(Catalog.DEPOSIT_EVENTS, customerId, new Deposit(customerId, amountCents));
    }

    void customer(String customerId, Address shipping, Address billing) {
        pipe(Catalog.CUSTOMER_EVENTS, customerId,
                new Customer(customerId, "Ada", "Lovelace", customerId + "@example.com", null, shipping, billing));
    }

    /** {@code lines}: productId, quantity, productId, quantity, ... */
    void checkout(String orderId, String customerId, Object... lines) {
        pipe(Catalog.CHECKOUT_EVENTS, orderId, request(orderId, customerId, lines));
    }

    static CheckoutRequested request(String orderId, String customerId, Object... lines) {
        List<CheckoutItem> items = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            items.add(new CheckoutItem((String) lines[i], (Integer) lines[i + 1]));
        }
        return new CheckoutRequested(orderId, customerId, items);
    }

    void reply(String orderId, SpecificRecord outcome) {
        pipe(Catalog.CHECKOUT_REPLIES, orderId, new CheckoutReply(outcome));
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    // ---- outputs and stores ---------------------------------------------------------------------------------

    /** What was written to the topic since the last call (the saga's commands, replies, orders). */
    <V extends SpecificRecord> List<KeyValue<String, V>> sent(Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(),
                serdes.forType(topic.valueType()).deserializer()).readKeyValuesToList();
    }

    /** The actions of the commands sent to the topic since the last call, as "key action" lines. */
    List<String> commands(Topic<? extends SpecificRecord> topic) {
        List<String> actions = new ArrayList<>();
        for (var command : sent(topic)) {
            Object action = command.value instanceof InventoryCommand inventory ? inventory.getAction()
                    : ((AccountCommand) command.value).getAction();
            actions.add(command.key + " " + action.getClass().getSimpleName());
        }
        return actions;
    }

    Checkout checkoutOf(String orderId) {
        return this.<Checkout> store(Catalog.CHECKOUTS_VIEW.name()).get(orderId);
    }

    ProductStock stockOf(String productId) {
        return this.<ProductStock> store(Catalog.PRODUCTS_VIEW.name()).get(productId);
    }

    Account accountOf(String customerId) {
        return this.<Account> store(Catalog.ACCOUNTS_VIEW.name()).get(customerId);
    }

    Reservation reservationOf(String productId, String orderId) {
        return this.<Reservation> store(Catalog.RESERVATIONS_VIEW.name()).get(RowKeys.of(productId, orderId));
    }

    Hold holdOf(String customerId, String orderId) {
        return this.<Hold> store(Catalog.HOLDS_VIEW.name()).get(RowKeys.of(customerId, orderId));
    }

    /** The order as the orders view (a KTable) has it. */
    Order orderInView(String orderId) {
        var order = driver.<String, Order> getTimestampedKeyValueStore(Catalog.ORDERS_VIEW.name()).get(orderId);
        return order == null ? null : order.value();
    }

    <V> Map<String, V> all(String store) {
        Map<String, V> all = new TreeMap<>();
        try (KeyValueIterator<String, V> it = this.<V> store(store).all()) {
            it.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    /** The states a checkout went through, in order, each once. */
    static List<CheckoutState> states(Checkout checkout) {
        List<CheckoutState> states = new ArrayList<>();
        for (CheckoutEvent event : checkout.getHistory()) {
            if (states.isEmpty() || states.get(states.size() - 1) != event.getState()) {
                states.add(event.getState());
            }
        }
        return states;
    }

    static List<CheckoutState> states(CheckoutState... states) {
        return Arrays.asList(states);
    }

    /** The history's entries as "STATE event: detail" lines. */
    static List<String> history(Checkout checkout) {
        return checkout.getHistory().stream()
                .map(e -> e.getState() + " " + e.getEvent() + (e.getDetail() == null ? "" : ": " + e.getDetail()))
                .toList();
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}
