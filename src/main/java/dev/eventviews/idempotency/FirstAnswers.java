package dev.eventviews.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.kafka.PersistentStores;
import dev.eventviews.topology.Catalog;

/**
 * The Idempotency-Key part of the topology: remembers the answer to each write that carried an
 * {@code Idempotency-Key}, so that a retry of that write gets the same answer instead of writing again.
 * <p>
 * The write side puts the key and a fingerprint of the request into two headers of the event itself. This part of
 * the topology reads them back from the event topics and writes the first answer (where the event went) to the
 * compacted {@link Catalog#FIRST_ANSWERS} topic, which every instance reads into a global store. Because the answer
 * is derived from the event, under exactly-once processing, no crash can leave an event without its answer or an
 * answer without its event, and the answer survives restarts and is known to every instance.
 * <p>
 * Keys are forgotten after the retention: a wall-clock punctuator writes tombstones for them.
 */
public final class FirstAnswers {

    /** The operation and the client's key, e.g. {@code POST /events/greetings 5f1c...}. */
    public static final String KEY_HEADER = "eventviews.idempotency-key";
    /** A hash of the operation and the request, so that a key reused for another request can be refused. */
    public static final String FINGERPRINT_HEADER = "eventviews.request-fingerprint";
    /** Keys by the time they were first used, so that expired keys are found with one range scan. */
    static final String EXPIRY_STORE = "idempotency-key-expiry";
    static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);

    private FirstAnswers() {
    }

    /** Adds the recording of first answers from {@code events} and the global store that keeps them. */
    public static void build(StreamsBuilder builder, List<KStream<String, ?>> events, Duration retention,
            Serde<FirstAnswer> serde) {
        KStream<String, FirstAnswer> answers = null;
        for (KStream<String, ?> stream : events) {
            KStream<String, FirstAnswer> found = fromHeaders(stream);
            answers = answers == null ? found : answers.merge(found);
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(PersistentStores.keyValue(EXPIRY_STORE),
                Serdes.String(), Serdes.String()));
        answers.process(() -> new Expiry(retention, EXPIRY_STORE), Named.as("idempotency-key-expiry"), EXPIRY_STORE)
                .to(Catalog.FIRST_ANSWERS.name(), Produced.with(Serdes.String(), serde));
        builder.globalTable(Catalog.FIRST_ANSWERS.name(), Consumed.with(Serdes.String(), serde),
                Materialized.as(PersistentStores.timestampedKeyValue(Catalog.FIRST_ANSWERS.name())));
    }

    /**
     * The same recording for event topics that a Processor API part of the topology reads (the checkout saga's),
     * under their source nodes {@code sources}, with its own processors and expiry store named after {@code part}.
     * The global store is the one {@link #build} adds.
     */
    public static void addTo(Topology topology, String part, List<String> sources, Duration retention,
            Serde<FirstAnswer> serde) {
        String fromHeaders = part + "-first-answers";
        String expiry = part + "-" + EXPIRY_STORE;
        topology.addProcessor(fromHeaders, () -> new FromHeaders<Object>(), sources.toArray(String[]::new));
        topology.addProcessor(expiry, () -> new Expiry(retention, expiry), fromHeaders);
        topology.addStateStore(Stores.keyValueStoreBuilder(PersistentStores.keyValue(expiry), Serdes.String(),
                Serdes.String()), expiry);
        topology.addSink(part + "-first-answers-sink", Catalog.FIRST_ANSWERS.name(), Serdes.String().serializer(),
                serde.serializer(), expiry);
    }

    private static <V> KStream<String, FirstAnswer> fromHeaders(KStream<String, V> events) {
        return events.process(FromHeaders::new);
    }

    /** Turns an event that carries an idempotency key into its first answer, keyed by that key. */
    private static final class FromHeaders<V> implements Processor<String, V, String, FirstAnswer> {

        private ProcessorContext<String, FirstAnswer> context;

        @Override
        public void init(ProcessorContext<String, FirstAnswer> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, V> event) {
            Header key = event.headers().lastHeader(KEY_HEADER);
            Header fingerprint = event.headers().lastHeader(FINGERPRINT_HEADER);
            if (key == null || fingerprint == null) {
                return;
            }
            RecordMetadata source = context.recordMetadata().orElseThrow();
            FirstAnswer answer = new FirstAnswer(new String(fingerprint.value(), UTF_8), source.topic(),
                    source.partition(), source.offset(), event.key());
            context.forward(new Record<>(new String(key.value(), UTF_8), answer, event.timestamp()));
        }
    }

    /** Passes answers on, and writes a tombstone for each key once the retention has passed since its first use. */
    private static final class Expiry implements Processor<String, FirstAnswer, String, FirstAnswer> {

        private final Duration retention;
        private final String store;
        private ProcessorContext<String, FirstAnswer> context;
        private KeyValueStore<String, String> keysByTime;

        Expiry(Duration retention, String store) {
            this.retention = retention;
            this.store = store;
        }

        @Override
        public void init(ProcessorContext<String, FirstAnswer> context) {
            this.context = context;
            this.keysByTime = context.getStateStore(store);
            context.schedule(EXPIRY_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
        }

        @Override
        public void process(Record<String, FirstAnswer> answer) {
            keysByTime.put(timeKey(answer.timestamp(), answer.key()), answer.key());
            context.forward(answer);
        }

        private void forgetExpired(long now) {
            List<KeyValue<String, String>> expired = new ArrayList<>();
            // Every time key of a time before the cutoff sorts before "<cutoff>/".
            try (KeyValueIterator<String, String> entries = keysByTime.range(null,
                    timeKey(now - retention.toMillis(), ""))) {
                entries.forEachRemaining(expired::add);
            }
            for (KeyValue<String, String> entry : expired) {
                keysByTime.delete(entry.key);
                context.forward(new Record<String, FirstAnswer>(entry.value, null, now));
            }
        }

        /** Zero-padded, so that the text order is the time order. */
        private static String timeKey(long timestamp, String key) {
            return String.format("%019d/%s", Math.max(timestamp, 0), key);
        }
    }
}
