package dev.eventviews.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrdersPage;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrder;

/** The views topology in a TopologyTestDriver, with its input topics and readers of its stores. */
final class ViewsDriver implements AutoCloseable {

    static final String APPLICATION_ID = "views-topology-test";
    /** Larger than any view a test builds: a read with it returns the whole view. */
    private static final int EVERYTHING = Integer.MAX_VALUE - 1;

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();
    private final TopologyTestDriver driver;
    final TestInputTopic<String, Customer> customers;
    final TestInputTopic<String, Order> orders;
    final TestInputTopic<String, Greeting> greetings;

    ViewsDriver(Path stateDir) {
        Properties config = TestViews.driverConfig(APPLICATION_ID, stateDir);
        // A store or internal topic with a generated name fails the test: names are part of the upgrade contract.
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        driver = new TopologyTestDriver(TestViews.topology(serdes).build(builder), config);
        customers = input(Catalog.CUSTOMER_EVENTS);
        orders = input(Catalog.ORDER_EVENTS);
        greetings = input(Catalog.GREETING_EVENTS);
    }

    @Override
    public void close() {
        driver.close();
    }

    /** A store of a KTable (timestamped), by key, with the timestamps unwrapped. */
    Map<String, Object> contents(String store) {
        Map<String, Object> all = new TreeMap<>();
        all(driver.<String, Object> getTimestampedKeyValueStore(store))
                .forEach((key, value) -> all.put(key, ((ValueAndTimestamp<?>) value).value()));
        return all;
    }

    /** The customer-orders rows, by row key. */
    Map<String, Object> rows() {
        return all(driver.getKeyValueStore(Catalog.CUSTOMER_ORDER_ROWS.name()));
    }

    CustomerOrdersReader reader() {
        KeyValueStore<String, ValueAndTimestamp<Customer>> customerStore = driver
                .getTimestampedKeyValueStore(Catalog.CUSTOMERS_VIEW.name());
        KeyValueStore<String, Order> rowStore = driver.getKeyValueStore(Catalog.CUSTOMER_ORDER_ROWS.name());
        return new CustomerOrdersReader(id -> ValueAndTimestamp.getValueOrNull(customerStore.get(id)),
                rowStore::range);
    }

    /** A customer with all of their orders: an entry of the customer-orders view, read whole. */
    record CustomerOrders(Customer customer, List<Order> orders) {
    }

    /** The whole customer-orders view as the read side assembles it, by customerId. */
    Map<String, CustomerOrders> customerOrders() {
        Map<String, CustomerOrders> all = new TreeMap<>();
        for (CustomerOrdersPage page : reader().customers(null, EVERYTHING, EVERYTHING).items()) {
            all.put(page.customer().getCustomerId(), new CustomerOrders(page.customer(), page.orders()));
        }
        return all;
    }

    /** The whole customer-order view as the read side assembles it: by customer, then order. */
    List<CustomerOrder> customerOrder() {
        return reader().orders(null, EVERYTHING).items();
    }

    /** The records written to each topic (changelogs and internal topics included) since the last call. */
    Map<String, List<TestRecord<byte[], byte[]>>> producedRecords() {
        Map<String, List<TestRecord<byte[], byte[]>>> records = new TreeMap<>();
        for (String topic : driver.producedTopicNames()) {
            List<TestRecord<byte[], byte[]>> written = driver.createOutputTopic(topic, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList();
            if (!written.isEmpty()) {
                records.put(topic, written);
            }
        }
        return records;
    }

    private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(),
                serdes.forType(topic.valueType()).serializer());
    }

    private static <V> Map<String, Object> all(KeyValueStore<String, V> store) {
        if (store == null) {
            throw new AssertionError("no such store");
        }
        Map<String, Object> all = new TreeMap<>();
        try (KeyValueIterator<String, V> entries = store.all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }
}
