package dev.eventviews.history;

import java.time.Instant;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.eventviews.events.Order;
import dev.eventviews.kafka.PersistentStores;
import dev.eventviews.topology.Catalog;
import dev.eventviews.views.OrderRowChange;

/**
 * Keeps the versions of every row of the customer-orders view, for as-of reads of it: it receives the same row
 * changes as the view, keyed by customerId, in the customer's task, and writes each as a version of the
 * (customer, order) row at the change's timestamp, in {@link Catalog#CUSTOMER_ORDER_VERSIONS} (keys from
 * {@link OrderVersionKeys}). The timestamp is the order event's: the router forwards its record, and the
 * repartition topic keeps the timestamp, which on the orders topic is the broker's append time.
 * <p>
 * The versions of one row follow the rules of a versioned store, per row: a change at t starts a version at t (the
 * order, or none for a removal) that lasts until the next version's start, and ends the version before it at t; a
 * change at the same instant as a version replaces it, and a removal while the row is already absent changes
 * nothing. So a change that arrives after later ones (a timestamp out of order) slots in where its time puts it,
 * as in the entities' versioned stores. Removals are kept as versions without an order, for that reason only.
 * <p>
 * Expiry, as for the history rows ({@link ExpiredRows}): each version that ended, and each removal, is also listed
 * in {@link Catalog#CUSTOMER_ORDER_VERSIONS_BY_TIME} under the time it stops mattering (its end; a removal's
 * start), and removed once that time is past the retention. A row's current version is kept whatever its age, like
 * an entity's latest version: it holds now.
 */
final class OrderVersionRecorder implements ProcessorSupplier<String, OrderRowChange, Void, Void> {

    private static final byte[] PRESENT = new byte[0];

    private final Serde<OrderVersion> versionSerde;
    private final HistoryRetention retention;

    OrderVersionRecorder(Serde<OrderVersion> versionSerde, HistoryRetention retention) {
        this.versionSerde = versionSerde;
        this.retention = retention;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(PersistentStores.keyValue(Catalog.CUSTOMER_ORDER_VERSIONS),
                        Serdes.Bytes(), versionSerde),
                Stores.keyValueStoreBuilder(PersistentStores.keyValue(Catalog.CUSTOMER_ORDER_VERSIONS_BY_TIME),
                        Serdes.Bytes(), Serdes.ByteArray()));
    }

    @Override
    public Processor<String, OrderRowChange, Void, Void> get() {
        return new Recording();
    }

    private final class Recording implements Processor<String, OrderRowChange, Void, Void> {

        private KeyValueStore<Bytes, OrderVersion> versions;
        private KeyValueStore<Bytes, byte[]> versionsByTime;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.versions = context.getStateStore(Catalog.CUSTOMER_ORDER_VERSIONS);
            this.versionsByTime = context.getStateStore(Catalog.CUSTOMER_ORDER_VERSIONS_BY_TIME);
            context.schedule(ExpiredRows.PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::prune);
        }

        @Override
        public void process(Record<String, OrderRowChange> change) {
            String customerId = change.key();
            String orderId = change.value().getOrderId();
            if (!OrderVersionKeys.indexable(customerId, orderId)) {
                return;
            }
            long at = Math.max(change.timestamp(), 0);
            Order order = change.value().getOrder();
            KeyValue<Bytes, OrderVersion> before = first(versions.reverseRange(
                    OrderVersionKeys.row(customerId, orderId, 0), OrderVersionKeys.row(customerId, orderId, at)));
            if (before != null && before.value.getValidFrom().toEpochMilli() == at) {
                write(before.key, new OrderVersion(order, before.value.getValidFrom(), before.value.getValidTo()));
                return;
            }
            if (order == null && (before == null || before.value.getOrder() == null)) {
                return; // absent at that time already, and until the next version
            }
            Instant validFrom = Instant.ofEpochMilli(at);
            KeyValue<Bytes, OrderVersion> after = at == Long.MAX_VALUE ? null : first(versions.range(
                    OrderVersionKeys.row(customerId, orderId, at + 1),
                    OrderVersionKeys.row(customerId, orderId, Long.MAX_VALUE)));
            if (before != null) {
                write(before.key, new OrderVersion(before.value.getOrder(), before.value.getValidFrom(), validFrom));
            }
            write(OrderVersionKeys.row(customerId, orderId, at),
                    new OrderVersion(order, validFrom, after == null ? null : after.value.getValidFrom()));
        }

        /** Writes a version, and lists it for expiry when it can expire: it has ended, or it is a removal. */
        private void write(Bytes key, OrderVersion version) {
            versions.put(key, version);
            Instant expires = expiry(version);
            if (expires != null) {
                versionsByTime.put(HistoryKeys.byTime(expires.toEpochMilli(), key), PRESENT);
            }
        }

        /**
         * A by-time key can be stale (a version that ended later moved its end earlier, a removal was replaced at
         * the same instant by an order), so a version is removed only when it still may be: when it has ended, or
         * is a removal, before the oldest instant kept.
         */
        private void prune(long now) {
            long oldest = retention.oldest(Instant.ofEpochMilli(now)).toEpochMilli();
            for (Bytes byTime : ExpiredRows.before(versionsByTime, oldest)) {
                Bytes key = HistoryKeys.rowOf(byTime);
                OrderVersion version = versions.get(key);
                if (version != null && expired(version, oldest)) {
                    versions.delete(key);
                }
                versionsByTime.delete(byTime);
            }
        }

        private static boolean expired(OrderVersion version, long oldest) {
            Instant expires = expiry(version);
            return expires != null && expires.toEpochMilli() < oldest;
        }

        /** When a version stops mattering to as-of reads: its end; a removal's start; never, while an order holds. */
        private static Instant expiry(OrderVersion version) {
            return version.getOrder() == null ? version.getValidFrom() : version.getValidTo();
        }

        private static KeyValue<Bytes, OrderVersion> first(KeyValueIterator<Bytes, OrderVersion> rows) {
            try (rows) {
                return rows.hasNext() ? rows.next() : null;
            }
        }
    }
}
