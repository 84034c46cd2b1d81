package dev.eventviews.history;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import dev.eventviews.topology.Catalog.History;
import dev.eventviews.registry.ValueSerdes;

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
 * Cost, per event within the retention, measured for a customer whose id has 36 characters and whose event is 89
 * bytes on the wire: a history row of 45 bytes of key and 118 of value (the event and 29 bytes of position and
 * time), a by-time row of 53 bytes of key and no value, and a version of the event with its key and a few bytes
 * of timestamps: about 350 bytes of RocksDB data per event, some three times the event's size in its topic, plus
 * RocksDB's own per-entry overhead. Each store's changelog topic holds as much again (compacted; the versioned
 * store's changelog keeps versions for at least the retention). Memory stays within the shared RocksDB budget
 * ({@code eventviews.rocksdb.memory}): these are three more stores per entity topic partition, sharing its block
 * cache and memtable limit with the views.
 * <p>
 * Past the retention, the history rows are removed each minute, oldest first (at most
 * {@link EventIndexer#PRUNE_BATCH} per partition per minute, so a pass stays short), and the versioned store drops
 * the versions that ended before it, but keeps each entity's latest one. Reads refuse or leave out anything older
 * than the retention whether or not it is gone yet ({@link HistoryRetention}).
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
