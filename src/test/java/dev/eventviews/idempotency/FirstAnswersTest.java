package dev.eventviews.idempotency;

import dev.eventviews.topology.TestViews;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.PlainAvroSerdes;
import dev.eventviews.topology.ViewsTopology;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Greeting;

/** Events that carry an idempotency key leave their first answer in the global store, until the retention ends. */
class FirstAnswersTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30Z");
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final String KEY = "POST /events/greetings key-1";

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Greeting> greetings;
    private TestOutputTopic<String, FirstAnswer> answers;

    @BeforeEach
    void startDriver() {
        Properties config = TestViews.driverConfig("first-answers-test", stateDir);
        driver = new TopologyTestDriver(TestViews.topology(serdes, RETENTION, TestViews.HISTORY_RETENTION,
                TestViews.STEP_TIMEOUT).build(), config, T0);
        greetings = driver.createInputTopic(Catalog.GREETINGS, new StringSerializer(),
                serdes.forType(Greeting.class).serializer());
        answers = driver.createOutputTopic(Catalog.FIRST_ANSWERS.name(), new StringDeserializer(),
                serdes.forType(FirstAnswer.class).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldRememberWhereAKeyedEventWent() {
        greetings.pipeInput(greeting("g-0", null));
        greetings.pipeInput(greeting("g-1", KEY));

        FirstAnswer answer = storedAnswer(KEY);
        assertEquals(new FirstAnswer("fingerprint-of-g-1", Catalog.GREETINGS, 0, 1L, "g-1"), answer);
        assertEquals(1, answers.readRecordsToList().size(), "only the keyed event has an answer");
    }

    @Test
    void shouldForgetAKeyOnceTheRetentionHasPassed() {
        greetings.pipeInput(greeting("g-1", KEY));
        answers.readRecordsToList();

        driver.advanceWallClockTime(RETENTION.minus(FirstAnswers.EXPIRY_CHECK_INTERVAL));
        assertTrue(answers.isEmpty(), "kept within the retention");
        assertEquals("g-1", storedAnswer(KEY).getKey());

        driver.advanceWallClockTime(FirstAnswers.EXPIRY_CHECK_INTERVAL.multipliedBy(2));
        var tombstone = answers.readRecord();
        assertEquals(KEY, tombstone.key());
        assertNull(tombstone.value());
        assertNull(storedAnswer(KEY));
    }

    private TestRecord<String, Greeting> greeting(String id, String idempotencyKey) {
        RecordHeaders headers = new RecordHeaders();
        if (idempotencyKey != null) {
            headers.add(FirstAnswers.KEY_HEADER, idempotencyKey.getBytes(UTF_8));
            headers.add(FirstAnswers.FINGERPRINT_HEADER, ("fingerprint-of-" + id).getBytes(UTF_8));
        }
        return new TestRecord<>(id, new Greeting(id, "hello", T0), headers, T0);
    }

    private FirstAnswer storedAnswer(String key) {
        KeyValueStore<String, ValueAndTimestamp<FirstAnswer>> store = driver
                .getTimestampedKeyValueStore(Catalog.FIRST_ANSWERS.name());
        ValueAndTimestamp<FirstAnswer> stored = store.get(key);
        return stored == null ? null : stored.value();
    }
}
