package dev.eventviews.history;

import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

import dev.eventviews.topology.Catalog.History;

/**
 * Puts every event into the entity's versioned store at the event's timestamp (a tombstone ends the version
 * before it). A processor rather than a second {@code toTable}: the store takes an event whose timestamp is older
 * than the latest one as an earlier version, which is all that as-of reads need, and no table output is wanted.
 * The store keeps the versions of the retention, counted back from the latest timestamp it has seen, and always
 * each key's latest version.
 */
final class VersionRecorder<V> implements ProcessorSupplier<String, V, Void, Void> {

    private final History<V> history;
    private final Serde<V> eventSerde;
    private final HistoryRetention retention;

    VersionRecorder(History<V> history, Serde<V> eventSerde, HistoryRetention retention) {
        this.history = history;
        this.eventSerde = eventSerde;
        this.retention = retention;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(history.versions(), retention.period()), Serdes.String(),
                eventSerde));
    }

    @Override
    public Processor<String, V, Void, Void> get() {
        return new Recording();
    }

    private final class Recording implements Processor<String, V, Void, Void> {

        private VersionedKeyValueStore<String, V> versions;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            versions = context.getStateStore(history.versions());
        }

        @Override
        public void process(Record<String, V> event) {
            if (event.key() != null) {
                versions.put(event.key(), event.value(), event.timestamp());
            }
        }
    }
}
