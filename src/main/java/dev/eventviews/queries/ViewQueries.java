package dev.eventviews.queries;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;

/**
 * The read side: interactive queries (IQv2) against the views' state stores. Key lookups go to the one partition
 * that holds the key; lists merge the partitions this instance holds, in the stores' key order.
 */
@ApplicationScoped
public class ViewQueries {

    private static final Serializer<String> KEYS = Serdes.String().serializer();
    /** The order of the stores' serialized keys (UTF-8 bytes), which is not String's order for every character. */
    private static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8),
            b.getBytes(UTF_8));

    @Inject
    KafkaStreams streams;

    public <V> Optional<V> find(View<V> view, String key) {
        KeyQueryMetadata owner = guard(() -> streams.queryMetadataForKey(view.name(), key, KEYS));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ViewUnavailableException("The " + view.name() + " view is being rebalanced");
        }
        int partition = owner.partition();
        StateQueryRequest<V> request = StateQueryRequest.inStore(view.name())
                .withQuery(KeyQuery.<String, V> withKey(key))
                .withPartitions(Set.of(partition))
                .requireActive();
        QueryResult<V> result = guard(() -> streams.query(request)).getPartitionResults().get(partition);
        if (result == null || result.isFailure()) {
            throw new ViewUnavailableException("The " + view.name() + " view cannot answer for this key now"
                    + (result == null ? "" : " (" + result.getFailureReason() + ")"));
        }
        return Optional.ofNullable(result.getResult());
    }

    /** Up to {@code limit} entries with keys after {@code after} (exclusive; null for the first page). */
    public <V> Page<V> list(View<V> view, String after, int limit) {
        RangeQuery<String, V> range = after == null ? RangeQuery.withNoBounds() : RangeQuery.withLowerBound(after);
        StateQueryRequest<KeyValueIterator<String, V>> request = StateQueryRequest.inStore(view.name())
                .withQuery(range)
                .requireActive();
        StateQueryResult<KeyValueIterator<String, V>> result = guard(() -> streams.query(request));
        TreeMap<String, V> smallest = new TreeMap<>(STORE_ORDER);
        try {
            for (QueryResult<KeyValueIterator<String, V>> partition : result.getPartitionResults().values()) {
                if (partition.isFailure()) {
                    throw new ViewUnavailableException("The " + view.name() + " view cannot be listed now ("
                            + partition.getFailureReason() + ")");
                }
                collect(partition.getResult(), after, limit + 1, smallest);
            }
        } finally {
            result.getPartitionResults().values().stream()
                    .filter(QueryResult::isSuccess)
                    .forEach(partition -> partition.getResult().close());
        }
        List<V> items = new ArrayList<>(smallest.values());
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<String> keys = new ArrayList<>(smallest.keySet());
        return new Page<>(items.subList(0, limit), keys.get(limit - 1));
    }

    /** Keeps the {@code max} smallest keys seen; each partition's iterator is already sorted, so it stops early. */
    private static <V> void collect(KeyValueIterator<String, V> entries, String after, int max,
            TreeMap<String, V> smallest) {
        while (entries.hasNext()) {
            KeyValue<String, V> entry = entries.next();
            if (entry.key.equals(after)) {
                continue;
            }
            if (smallest.size() == max && STORE_ORDER.compare(entry.key, smallest.lastKey()) > 0) {
                return;
            }
            smallest.put(entry.key, entry.value);
            if (smallest.size() > max) {
                smallest.pollLastEntry();
            }
        }
    }

    public List<Instance> instances() {
        return guard(() -> streams.metadataForAllStreamsClients()).stream().map(Instance::of).toList();
    }

    /** Empty when no view has that name. */
    public Optional<List<Instance>> instances(String viewName) {
        if (Catalog.VIEWS.stream().noneMatch(view -> view.name().equals(viewName))) {
            return Optional.empty();
        }
        return Optional.of(guard(() -> streams.streamsMetadataForStore(viewName)).stream().map(Instance::of).toList());
    }

    /** Kafka Streams throws while it is starting, rebalancing or restoring: that is "not now", not a failure. */
    private <T> T guard(Supplier<T> query) {
        try {
            return query.get();
        } catch (StreamsException | IllegalStateException e) {
            throw new ViewUnavailableException("The views are not ready (Kafka Streams is " + streams.state() + ")",
                    e);
        }
    }
}
