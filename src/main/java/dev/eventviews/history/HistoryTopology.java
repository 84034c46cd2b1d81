package dev.eventviews.history;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import dev.eventviews.topology.Catalog.History;
import dev.eventviews.topology.ValueSerdes;

/**
 * The time travel part of the topology: for each entity topic handed to {@link #record}, its event history and its
 * versions.
 *
 * <pre>
 * customers ──► [customers-history-writer] ──► [customers-history] + [customers-history-by-time]
 *           └─► [customers-versions-writer] ─► [customers-versions] (versioned)
 * </pre>
 *
 * Both read the same event stream as today's views, which stay as they are: versioned stores do not answer key
 * or range queries, and the derived views keep their offset-order semantics.
 * <p>
 * Timestamps are the broker's (the event topics use {@code LogAppendTime}), so "as of" means when the log took the
 * event, whichever client wrote it; within a partition that time also follows the offsets.
 * <p>
 * Cost, per event kept (within the retention): one history row of about 30 bytes of key and 25 bytes plus the
 * event's own size of value, one by-time row of about 40 bytes of key, and one version of the event's size plus a
 * few bytes; each is stored twice, in RocksDB and in the store's changelog topic (compacted; the versioned store's
 * changelog keeps versions at least as long as the retention). Memory stays within the shared RocksDB budget
 * ({@code eventviews.rocksdb.memory}), which these stores share with the views. Past the retention the history
 * rows are removed each minute (from the oldest, at most {@link EventIndexer#PRUNE_BATCH} a minute per partition),
 * and the versioned store drops versions whose successor is older than the retention, but keeps each entity's
 * latest one.
 */
public final class HistoryTopology {

    private final ValueSerdes serdes;
    private final HistoryRetention retention;

    public HistoryTopology(ValueSerdes serdes, Duration retention) {
        this.serdes = serdes;
        this.retention = new HistoryRetention(retention);
    }

    public <V extends SpecificRecord> void record(History<V> history, KStream<String, V> events) {
        Serde<V> eventSerde = serdes.forType(history.events().valueType());
        events.process(new EventIndexer<>(history, eventSerde, serdes.forType(HistoryEntry.class), retention),
                Named.as(history.history() + "-writer"));
        events.process(new VersionRecorder<>(history, eventSerde, retention),
                Named.as(history.versions() + "-writer"));
    }
}
