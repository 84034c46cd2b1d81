package dev.eventviews.history;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.History;
import dev.eventviews.views.OrderRowChange;

/**
 * The time travel part of the topology: for each entity topic handed to {@link #record}, its event history and its
 * versions.
 *
 * <pre>
 * customers ──► [customers-history-writer] ──► [customers-history] + [customers-history-by-time]
 *           └─► [customers-versions-writer] ─► [customers-versions] (versioned)
 * (orders alike; products alike, under the checkout saga's source node of the products topic)
 *
 * customer-orders-by-customer ──► [customer-order-versions-writer] ──► [customer-order-versions]
 *   (the row changes of the customer-orders view)                       + [customer-order-versions-by-time]
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
 * {@link ExpiredRows#PRUNE_BATCH} per partition per minute, so a pass stays short), and the versioned store drops
 * the versions that ended before it, but keeps each entity's latest one. Reads refuse or leave out anything older
 * than the retention whether or not it is gone yet ({@link HistoryRetention}).
 * <p>
 * The customer-orders view is derived, so it has no events of its own to version: its as-of reads combine the
 * customer's version from {@code customers-versions} with the versions of the view's rows, which
 * {@link OrderVersionRecorder} keeps from the rows' changes, in the customers' tasks.
 */
public final class HistoryTopology {

    private final ValueSerdes serdes;
    private final HistoryRetention retention;

    public HistoryTopology(ValueSerdes serdes, Duration retention) {
        this.serdes = serdes;
        this.retention = new HistoryRetention(retention);
    }

    /** The history and versions of the entity whose events are {@code events}. */
    public <V extends SpecificRecord> void record(History<V> history, KStream<String, V> events) {
        events.process(indexer(history), Named.as(indexerName(history)));
        events.process(recorder(history), Named.as(recorderName(history)));
    }

    /**
     * The same for an entity topic that a Processor API node of {@code topology} reads already, named
     * {@code parent} (a topic has one source node per topology): the products, read by the checkout saga.
     */
    public <V extends SpecificRecord> void record(History<V> history, Topology topology, String parent) {
        topology.addProcessor(indexerName(history), indexer(history), parent);
        topology.addProcessor(recorderName(history), recorder(history), parent);
    }

    /**
     * The versions of the customer-orders rows, from the row changes on their way to the customers' tasks: the
     * same stream as the view's rows, so the versions are kept in the task that holds the rows and the customer.
     */
    public void recordCustomerOrders(KStream<String, OrderRowChange> rowChanges) {
        rowChanges.process(new OrderVersionRecorder(serdes.forType(OrderVersion.class), retention),
                Named.as(Catalog.CUSTOMER_ORDER_VERSIONS + "-writer"));
    }

    private <V extends SpecificRecord> EventIndexer<V> indexer(History<V> history) {
        return new EventIndexer<>(history, serdes.forType(history.events().valueType()),
                serdes.forType(HistoryEntry.class), retention);
    }

    private <V extends SpecificRecord> VersionRecorder<V> recorder(History<V> history) {
        return new VersionRecorder<>(history, serdes.forType(history.events().valueType()), retention);
    }

    private static String indexerName(History<?> history) {
        return history.history() + "-writer";
    }

    private static String recorderName(History<?> history) {
        return history.versions() + "-writer";
    }
}
