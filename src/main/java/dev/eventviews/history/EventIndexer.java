package dev.eventviews.history;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.kafka.PersistentStores;
import dev.eventviews.topology.Catalog.History;

/**
 * Writes one history row per event of an entity topic (see {@link HistoryKeys}), and removes the rows whose
 * timestamp has fallen out of the retention: a wall-clock punctuator reads the expired keys from the by-time store
 * ({@link ExpiredRows}). Events already past the retention when
 * they are processed (a rebuild from an old log) are not written at all.
 */
final class EventIndexer<V> implements ProcessorSupplier<String, V, Void, Void> {

    private static final byte[] PRESENT = new byte[0];

    private final History<V> history;
    private final Serde<V> eventSerde;
    private final Serde<HistoryEntry> entrySerde;
    private final HistoryRetention retention;

    EventIndexer(History<V> history, Serde<V> eventSerde, Serde<HistoryEntry> entrySerde,
            HistoryRetention retention) {
        this.history = history;
        this.eventSerde = eventSerde;
        this.entrySerde = entrySerde;
        this.retention = retention;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(PersistentStores.keyValue(history.history()), Serdes.Bytes(),
                        entrySerde),
                Stores.keyValueStoreBuilder(PersistentStores.keyValue(history.historyByTime()),
                        Serdes.Bytes(), Serdes.ByteArray()));
    }

    @Override
    public Processor<String, V, Void, Void> get() {
        return new Indexing();
    }

    private final class Indexing implements Processor<String, V, Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<Bytes, HistoryEntry> rows;
        private KeyValueStore<Bytes, byte[]> rowsByTime;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.rows = context.getStateStore(history.history());
            this.rowsByTime = context.getStateStore(history.historyByTime());
            context.schedule(ExpiredRows.PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::prune);
        }

        @Override
        public void process(Record<String, V> event) {
            if (!HistoryKeys.indexable(event.key()) || event.timestamp() < oldest(context.currentSystemTimeMs())) {
                return;
            }
            RecordMetadata source = context.recordMetadata().orElseThrow();
            byte[] bytes = eventSerde.serializer().serialize(source.topic(), event.value());
            Bytes row = HistoryKeys.row(event.key(), source.offset());
            rows.put(row, new HistoryEntry(source.topic(), source.partition(), source.offset(),
                    Instant.ofEpochMilli(event.timestamp()), bytes == null ? null : ByteBuffer.wrap(bytes)));
            rowsByTime.put(HistoryKeys.byTime(event.timestamp(), row), PRESENT);
        }

        private void prune(long now) {
            for (Bytes byTime : ExpiredRows.before(rowsByTime, oldest(now))) {
                rows.delete(HistoryKeys.rowOf(byTime));
                rowsByTime.delete(byTime);
            }
        }

        private long oldest(long now) {
            return retention.oldest(Instant.ofEpochMilli(now)).toEpochMilli();
        }
    }
}
