package dev.eventviews.history;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Order;
import dev.eventviews.read.KeyLookup;
import dev.eventviews.read.LocalStores;
import dev.eventviews.read.Page;
import dev.eventviews.read.ReadOptions;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.History;
import dev.eventviews.topology.Catalog.Topic;

/**
 * The history reads of one entity on the instance that holds its partition: its events from the history store, its
 * version as of an instant and its versions from the versioned store. {@code read.ViewReads} decides where they run
 * and hands them the partition; {@link LocalStores} runs the IQv2 queries, bounded by the request's token like a
 * key read of the entity's view.
 */
@ApplicationScoped
public class LocalHistory {

    private final LocalStores stores;
    private final ValueSerdes serdes;
    private final HistoryRetention retention;
    private final EventHistory events;
    private final VersionReads versions;
    /** One registry deserializer per event topic: each keeps its own cache of the schemas it has fetched. */
    private final Map<String, Deserializer<? extends SpecificRecord>> eventReaders = new ConcurrentHashMap<>();

    @Inject
    LocalHistory(LocalStores stores, ValueSerdes serdes, EventViewsConfig config) {
        this.stores = stores;
        this.serdes = serdes;
        this.retention = new HistoryRetention(config.history().retention());
        this.events = new EventHistory(retention);
        this.versions = new VersionReads(retention);
    }

    /** A page of the entity's events in log order, each with the event as JSON-ready record. */
    public <V extends SpecificRecord> KeyLookup<Page<HistoryEvent>> events(History<V> entity, HistoryQuery query,
            int partition, ReadOptions options) {
        EventHistory.Range range = EventHistory.range(query.id(), query.after());
        PartitionReader rows = new PartitionReader(entity.history(), entity.events(), partition, options);
        HistoryPage page;
        try (KeyValueIterator<Bytes, HistoryEntry> iterator = rows.run(
                RangeQuery.<Bytes, HistoryEntry> withRange(range.lower(), range.upper()))) {
            page = events.page(iterator, query, Instant.now());
        }
        List<HistoryEvent> items = page.entries().stream()
                .map(entry -> HistoryEvent.of(entry, event(entity.events(), entry)))
                .toList();
        return new KeyLookup.Found<>(new Page<>(items, page.next() == null ? null : page.next().toString()),
                rows.standbyLag);
    }

    /** The entity as it was at {@code asOf}; missing when it did not exist then (not yet, or deleted). */
    public <V> KeyLookup<V> asOf(History<V> entity, String id, Instant asOf, int partition, ReadOptions options) {
        PartitionReader store = new PartitionReader(entity.versions(), entity.events(), partition, options);
        HistoryAnswer<Version<V>> answer = versions.asOf(id, asOf, Instant.now(), store::run);
        if (answer instanceof HistoryAnswer.Found<Version<V>> found) {
            return new KeyLookup.Found<>(found.value().value(), store.standbyLag);
        }
        if (answer instanceof HistoryAnswer.BeyondRetention<Version<V>> beyond) {
            throw new BeyondRetentionException(asOf, beyond.oldest(), retention);
        }
        return new KeyLookup.Missing<>();
    }

    /**
     * The entity's versions that held at some time in [{@code from}, {@code to}] (null: from the oldest instant
     * kept, up to now), oldest first; none for an entity that had none then.
     */
    public <V> KeyLookup<List<Version<V>>> versions(History<V> entity, String id, Instant from, Instant to,
            int partition, ReadOptions options) {
        PartitionReader store = new PartitionReader(entity.versions(), entity.events(), partition, options);
        HistoryAnswer<List<Version<V>>> answer = versions.versions(id, from, to, Instant.now(), store::run);
        if (answer instanceof HistoryAnswer.Found<List<Version<V>>> found) {
            return new KeyLookup.Found<>(found.value(), store.standbyLag);
        }
        if (answer instanceof HistoryAnswer.BeyondRetention<List<Version<V>>> beyond) {
            throw new BeyondRetentionException(from, beyond.oldest(), retention);
        }
        return new KeyLookup.Found<>(List.of(), store.standbyLag);
    }

    /**
     * The customer's customer-orders entry as it was at {@code asOf}: the customer's version then (none: not in
     * the view, as the live read's inner join) with up to {@code limit} of the orders that were theirs then, after
     * {@code afterOrderId}. A customer without orders then is not in the view either, as in the live read. The
     * rows' versions are derived through the repartition topic, so a token is waited for at the barrier.
     */
    public KeyLookup<CustomerOrdersAsOf> customerOrdersAsOf(String customerId, Instant asOf, String afterOrderId,
            int limit, int partition, ReadOptions options) {
        Instant now = Instant.now();
        if (!retention.covers(asOf, now)) {
            throw new BeyondRetentionException(asOf, retention.oldest(now), retention);
        }
        stores.awaitDerived(Catalog.CUSTOMER_ORDER_VERSIONS, options);
        PartitionReader customers = new PartitionReader(Catalog.CUSTOMER_HISTORY.versions(),
                Catalog.CUSTOMER_EVENTS, partition, options);
        if (!(versions.<Customer> asOf(customerId, asOf, now, customers::run)
                instanceof HistoryAnswer.Found<Version<Customer>> customer)) {
            return new KeyLookup.Missing<>();
        }
        PartitionReader rows = new PartitionReader(Catalog.CUSTOMER_ORDER_VERSIONS, null, partition, options);
        OrderVersionReads.Held held = heldOrders(rows, customerId, afterOrderId, asOf, limit);
        // As live: a customer without orders is not in the view; past the last order it is, with none left.
        if (held.versions().isEmpty()
                && (afterOrderId == null || heldOrders(rows, customerId, null, asOf, 1).versions().isEmpty())) {
            return new KeyLookup.Missing<>();
        }
        List<Order> orders = held.versions().stream().map(OrderVersion::getOrder).toList();
        List<CustomerOrdersAsOf.HeldOrder> orderVersions = held.versions().stream()
                .map(version -> new CustomerOrdersAsOf.HeldOrder(version.getOrder().getOrderId(),
                        version.getValidFrom(), version.getValidTo()))
                .toList();
        Version<Customer> version = customer.value();
        return new KeyLookup.Found<>(new CustomerOrdersAsOf(asOf, version.value(),
                orders, held.more() ? orders.get(orders.size() - 1).getOrderId() : null,
                new CustomerOrdersAsOf.Combined(new CustomerOrdersAsOf.Held(version.validFrom(), version.validTo()),
                        orderVersions)),
                rows.standbyLag);
    }

    private static OrderVersionReads.Held heldOrders(PartitionReader rows, String customerId, String afterOrderId,
            Instant asOf, int limit) {
        OrderVersionReads.Range range = OrderVersionReads.range(customerId, afterOrderId);
        try (KeyValueIterator<Bytes, OrderVersion> iterator = rows.run(
                RangeQuery.<Bytes, OrderVersion> withRange(range.lower(), range.upper()))) {
            return OrderVersionReads.at(iterator, asOf, limit);
        }
    }

    private SpecificRecord event(Topic<? extends SpecificRecord> topic, HistoryEntry entry) {
        if (entry.getEvent() == null) {
            return null;
        }
        ByteBuffer event = entry.getEvent().duplicate();
        byte[] bytes = new byte[event.remaining()];
        event.get(bytes);
        return eventReaders.computeIfAbsent(topic.name(), name -> serdes.forType(topic.valueType()).deserializer())
                .deserialize(topic.name(), bytes);
    }

    /** Runs queries on one partition of one store here, and keeps the lag of a standby that answered them. */
    private final class PartitionReader {

        private final String store;
        private final Topic<?> source;
        private final int partition;
        private final ReadOptions options;
        private Long standbyLag;

        PartitionReader(String store, Topic<?> source, int partition, ReadOptions options) {
            this.store = store;
            this.source = source;
            this.partition = partition;
            this.options = options;
        }

        <R> R run(Query<R> query) {
            KeyLookup.Found<R> answer = stores.query(store, source, query, partition, options);
            standbyLag = answer.standbyLag();
            return answer.value();
        }
    }
}
