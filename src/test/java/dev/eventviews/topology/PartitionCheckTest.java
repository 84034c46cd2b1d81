package dev.eventviews.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.Customer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * An event on another partition than its key's (a client that does not partition like the Java client) is kept
 * out of the views and dead-lettered with the reason, and counted. The test driver reads every record from
 * partition 0: with two partitions, a key whose murmur2 picks partition 1 is misplaced there.
 */
class PartitionCheckTest {

    private static final int PARTITIONS = 2;

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Customer> customers;
    private TestOutputTopic<String, Customer> deadLetters;

    @BeforeEach
    void startDriver() {
        Metrics.addRegistry(meters);
        Properties config = TestViews.driverConfig("partition-check-test", stateDir);
        driver = new TopologyTestDriver(TestViews.topology(serdes)
                .checkingPartitions(topic -> PARTITIONS).build(), config);
        customers = driver.createInputTopic(Catalog.CUSTOMERS, Serdes.String().serializer(),
                serdes.forType(Customer.class).serializer());
        deadLetters = driver.createOutputTopic(Catalog.DEAD_LETTERS, Serdes.String().deserializer(),
                serdes.forType(Customer.class).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        Metrics.removeRegistry(meters);
    }

    @Test
    void shouldKeepAMisplacedEventOutOfTheViewsAndDeadLetterItWithTheReason() {
        String placed = keyOnPartition(0);
        String misplaced = keyOnPartition(1);

        customers.pipeInput(placed, customer(placed));
        customers.pipeInput(misplaced, customer(misplaced));

        KeyValueStore<String, Customer> view = driver.getKeyValueStore(Catalog.CUSTOMERS_VIEW.name());
        assertNotNull(view.get(placed));
        assertNull(view.get(misplaced), "not in a store partition that its key read would not ask");
        List<TestRecord<String, Customer>> letters = deadLetters.readRecordsToList();
        assertEquals(List.of(misplaced), letters.stream().map(TestRecord::key).toList());
        Headers headers = letters.get(0).headers();
        assertEquals(Catalog.CUSTOMERS, header(headers, "__streams.errors.topic"));
        assertEquals("0", header(headers, "__streams.errors.partition"));
        assertTrue(header(headers, "__streams.errors.message").contains("belongs on partition 1"),
                header(headers, "__streams.errors.message"));
        assertEquals(1.0, meters.get(PartitionCheck.METRIC).tag("topic", Catalog.CUSTOMERS).counter().count());
    }

    @Test
    void shouldPartitionKeysAsTheJavaProducerDoes() {
        for (String key : List.of("c-1", "o-42", "0b6e1c0e-5d43-4a4e-9a53-6f1f8d7a9c11", "ü")) {
            assertEquals(BuiltInPartitioner.partitionForKey(key.getBytes(UTF_8), 6), PartitionCheck.partitionOf(key, 6),
                    key);
        }
    }

    private static String keyOnPartition(int partition) {
        for (int i = 0;; i++) {
            String key = "c-" + i;
            if (PartitionCheck.partitionOf(key, PARTITIONS) == partition) {
                return key;
            }
        }
    }

    private static Customer customer(String id) {
        return new Customer(id, "Ada", "Lovelace", "ada@example.com", null, null, null);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), UTF_8);
    }
}
