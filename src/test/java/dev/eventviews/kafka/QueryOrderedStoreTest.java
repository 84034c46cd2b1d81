package dev.eventviews.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.topology.TestViews;

/**
 * A processor writes one RocksDB store as fast as it can while another thread queries it with IQv2, as the HTTP
 * threads do while the stream thread folds events. With Kafka Streams' own RocksDB store the two take the store's
 * and the position's locks in opposite orders and deadlock within a few thousand writes at most (KAFKA-19629); through
 * {@link PersistentStores} they must not.
 */
class QueryOrderedStoreTest {

    private static final String STORE = "counts";
    /** Records piped in; each is written many times, as a commit per record would dominate the run otherwise. */
    private static final int RECORDS = 100;
    private static final int WRITES_PER_RECORD = 2_000;

    @TempDir
    Path stateDir;

    @Test
    void shouldAnswerQueriesWhileTheStreamThreadWritesTheSameStore() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(PersistentStores.keyValue(STORE), Serdes.String(),
                Serdes.Long()).withCachingDisabled().withLoggingDisabled());
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long())).process(Counter::new, STORE);

        // Not closed if the threads deadlocked: closing takes the store's lock too, and the test must end.
        TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                TestViews.driverConfig("query-ordered-store", stateDir));
        TestInputTopic<String, Long> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.Long().serializer());
        KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        Thread reader = daemon("interactive-query", () -> {
            while (writing.get()) {
                QueryResult<Long> result = store.query(KeyQuery.<String, Long> withKey("k"),
                        PositionBound.unbounded(), new QueryConfig(false));
                if (result.isSuccess()) {
                    answered.incrementAndGet();
                }
            }
        });
        Thread streamThread = daemon("stream-thread", () -> {
            for (long n = 1; n <= RECORDS; n++) {
                in.pipeInput("k", n);
            }
        });

        streamThread.join(Duration.ofSeconds(60).toMillis());
        assertFalse(streamThread.isAlive(), "the stream thread and the query deadlocked");
        writing.set(false);
        reader.join(Duration.ofSeconds(10).toMillis());
        assertFalse(reader.isAlive(), "the query did not return");
        try {
            assertEquals(RECORDS * WRITES_PER_RECORD, store.get("k"));
            assertTrue(answered.get() > 0, "no query was answered");
        } finally {
            driver.close();
        }
    }

    /** A thread that does not keep the JVM alive: if the two deadlock after all, the test fails and the run ends. */
    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static final class Counter implements Processor<String, Long, Void, Void> {

        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Long> record) {
            long first = (record.value() - 1) * WRITES_PER_RECORD;
            for (long n = first + 1; n <= first + WRITES_PER_RECORD; n++) {
                store.put(record.key(), n);
            }
        }
    }
}
