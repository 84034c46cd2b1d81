package dev.eventviews.read;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.topology.TopologyLayout;

/**
 * The read side: interactive queries (IQv2) against this instance's part of the views. A key read says which
 * instance holds the key when it is not here; a list covers this instance's partitions, merged in the stores' key
 * order. Consistency tokens become IQv2 position bounds (or, for derived views, a {@link ConsistencyBarrier}).
 */
@ApplicationScoped
public class ViewQueries {

    private static final Serializer<String> KEYS = Serdes.String().serializer();
    /** The order of the stores' serialized keys (UTF-8 bytes), which is not String's order for every character. */
    public static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8),
            b.getBytes(UTF_8));
    private static final long RETRY_MILLIS = 20;

    @Inject
    KafkaStreams streams;

    @Inject
    ConsistencyBarrier barrier;

    @Inject
    QueryConfig config;

    @Inject
    TopologyLayout layout;

    @Inject
    Admin admin;

    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    @Inject
    ThisInstance self;

    public <V> KeyLookup<V> find(View<V> view, String key, ReadOptions options) {
        long consistencyDeadline = awaitDerived(view, options);
        KeyQueryMetadata owner = guard(() -> streams.queryMetadataForKey(view.name(), key, KEYS));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ViewUnavailableException("The " + view.name() + " view is being rebalanced");
        }
        if (!options.localOnly() && !self.hostInfo().equals(owner.activeHost())) {
            List<HostInfo> candidates = new ArrayList<>(List.of(owner.activeHost()));
            candidates.addAll(owner.standbyHosts());
            return new KeyLookup.OnOtherInstance<>(candidates);
        }
        int partition = owner.partition();
        long keyDeadline = System.nanoTime() + options.waitForKey().toNanos();
        while (true) {
            KeyLookup<V> lookup = findHere(view, key, partition, bound(view, options), consistencyDeadline, options);
            if (!(lookup instanceof KeyLookup.Missing) || System.nanoTime() > keyDeadline) {
                return lookup;
            }
            pause();
        }
    }

    private <V> KeyLookup<V> findHere(View<V> view, String key, int partition, PositionBound bound,
            long deadline, ReadOptions options) {
        // Not requireActive(): Kafka Streams ignores the position bound of requests that require an active store.
        StateQueryRequest<V> request = StateQueryRequest.inStore(view.name())
                .withQuery(KeyQuery.<String, V> withKey(key))
                .withPartitions(Set.of(partition))
                .withPositionBound(bound);
        QueryResult<V> result = awaitBound(view, options, deadline, () -> result(request, partition));
        if (result.isFailure()) {
            throw unavailable(view, result);
        }
        // Here only as a standby: a rebalance moved the active, or it did not answer and the caller asked us.
        boolean standby = !activePartitions(view).contains(partition);
        return found(result.getResult(), standby ? standbyLag(view, partition) : null);
    }

    /**
     * Up to {@code limit} entries of this instance's active partitions with keys after {@code after} (exclusive),
     * and which partitions they cover. Standbys are left out: another instance lists those entries.
     */
    public <V> ListPart<V> list(View<V> view, String after, int limit, ReadOptions options) {
        long deadline = awaitDerived(view, options);
        RangeQuery<String, V> range = after == null ? RangeQuery.withNoBounds() : RangeQuery.withLowerBound(after);
        PositionBound bound = bound(view, options);
        StateQueryRequest<KeyValueIterator<String, V>> request = StateQueryRequest.inStore(view.name())
                .withQuery(range)
                .withPartitions(activePartitions(view))
                .withPositionBound(bound);
        // Requiring running active tasks keeps restoring partitions out, but makes Kafka Streams ignore any bound.
        StateQueryRequest<KeyValueIterator<String, V>> query = bound.isUnbounded() ? request.requireActive() : request;
        while (true) {
            StateQueryResult<KeyValueIterator<String, V>> result = guard(() -> streams.query(query));
            try {
                Optional<QueryResult<KeyValueIterator<String, V>>> failed = result.getPartitionResults().values()
                        .stream().filter(QueryResult::isFailure).findFirst();
                if (failed.isEmpty()) {
                    return new ListPart<>(smallest(result, after, limit), result.getPartitionResults().keySet());
                }
                if (failed.get().getFailureReason() != FailureReason.NOT_UP_TO_BOUND) {
                    throw unavailable(view, failed.get());
                }
                checkDeadline(view, options, deadline);
            } finally {
                result.getPartitionResults().values().stream()
                        .filter(QueryResult::isSuccess)
                        .forEach(partition -> partition.getResult().close());
            }
            pause();
        }
    }

    /** How many partitions a view's store has: a whole list must cover them all. */
    public int partitionCount(View<?> view) {
        return partitionCounts.computeIfAbsent(view.name(), store -> {
            String topic = layout.sourceTopicOf(store);
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
            } catch (ExecutionException | TimeoutException e) {
                throw new ViewUnavailableException("The Kafka cluster did not describe the view's topics", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ViewUnavailableException("Interrupted while describing the view's topics");
            }
        });
    }

    private static <V> Page<V> smallest(StateQueryResult<KeyValueIterator<String, V>> result, String after,
            int limit) {
        TreeMap<String, V> smallest = new TreeMap<>(STORE_ORDER);
        for (QueryResult<KeyValueIterator<String, V>> partition : result.getPartitionResults().values()) {
            collect(partition.getResult(), after, limit + 1, smallest);
        }
        List<V> items = new ArrayList<>(smallest.values());
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        return new Page<>(items.subList(0, limit), new ArrayList<>(smallest.keySet()).get(limit - 1));
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

    /** The other instances that hold part of a view (whose pages a full list must merge). */
    public List<HostInfo> otherInstances(View<?> view) {
        return guard(() -> streams.streamsMetadataForStore(view.name())).stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.hostInfo()))
                .toList();
    }

    /** This instance only: what it holds and how far each local store partition lags behind its changelog. */
    public Instance here() {
        Map<String, Map<Integer, LagInfo>> lags = guard(() -> streams.allLocalStorePartitionLags());
        StreamsMetadata metadata = guard(() -> streams.metadataForAllStreamsClients()).stream()
                .filter(instance -> instance.hostInfo().equals(self.hostInfo()))
                .findFirst()
                .orElseThrow(() -> new ViewUnavailableException("This instance has no assignment yet"));
        return Instance.of(metadata, lags);
    }

    /** Another instance as the group's metadata describes it (for when it does not answer itself). */
    public Instance seenFromHere(HostInfo instance) {
        return guard(() -> streams.metadataForAllStreamsClients()).stream()
                .filter(metadata -> metadata.hostInfo().equals(instance))
                .map(metadata -> Instance.of(metadata, Map.of()))
                .findFirst()
                .orElseThrow(() -> new ViewUnavailableException("An instance has left the group"));
    }

    public List<HostInfo> otherInstances() {
        return guard(() -> streams.metadataForAllStreamsClients()).stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.hostInfo()))
                .toList();
    }

    /** The partitions of a view's store that are active on this instance. */
    private Set<Integer> activePartitions(View<?> view) {
        int subtopology = layout.subtopologyOf(view.name());
        return guard(() -> streams.metadataForLocalThreads()).stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .filter(task -> task.taskId().subtopology() == subtopology)
                .map(task -> task.taskId().partition())
                .collect(Collectors.toSet());
    }

    public boolean isView(String name) {
        return Catalog.VIEWS.stream().anyMatch(view -> view.name().equals(name));
    }

    /** For derived views, the token is honoured here, cluster-wide; returns the deadline for the rest of the read. */
    private long awaitDerived(View<?> view, ReadOptions options) {
        long deadline = System.nanoTime() + config.consistencyTimeout().toNanos();
        if (options.token() != null && view.derived()) {
            try {
                barrier.await(options.token(), deadline);
            } catch (ConsistencyBarrier.DeadlinePassed e) {
                throw new ConsistencyTimeoutException(view.name(), options.token(), config.consistencyTimeout());
            }
        }
        return deadline;
    }

    /** A token on the view's own source topic bounds the store's position at that partition and offset. */
    private static PositionBound bound(View<?> view, ReadOptions options) {
        ConsistencyToken token = options.token();
        if (token == null || view.derived() || !view.source().name().equals(token.topic())) {
            return PositionBound.unbounded();
        }
        return PositionBound.at(Position.emptyPosition().withComponent(token.topic(), token.partition(),
                token.offset()));
    }

    /** Retries while the store is behind the bound, until the deadline. */
    private <R> QueryResult<R> awaitBound(View<?> view, ReadOptions options, long deadline,
            Supplier<QueryResult<R>> query) {
        while (true) {
            QueryResult<R> result = query.get();
            if (result.isSuccess() || result.getFailureReason() != FailureReason.NOT_UP_TO_BOUND) {
                return result;
            }
            checkDeadline(view, options, deadline);
            pause();
        }
    }

    private <V> QueryResult<V> result(StateQueryRequest<V> request, int partition) {
        QueryResult<V> result = guard(() -> streams.query(request)).getPartitionResults().get(partition);
        return result != null ? result
                : QueryResult.forFailure(FailureReason.NOT_PRESENT, "partition " + partition + " is not here");
    }

    private Long standbyLag(View<?> view, int partition) {
        LagInfo lag = guard(() -> streams.allLocalStorePartitionLags()).getOrDefault(view.name(), Map.of())
                .get(partition);
        return lag == null ? null : lag.offsetLag();
    }

    private static <V> KeyLookup<V> found(V value, Long standbyLag) {
        return value == null ? new KeyLookup.Missing<>() : new KeyLookup.Found<>(value, standbyLag);
    }

    private void checkDeadline(View<?> view, ReadOptions options, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new ConsistencyTimeoutException(view.name(), options.token(), config.consistencyTimeout());
        }
    }

    private static ViewUnavailableException unavailable(View<?> view, QueryResult<?> result) {
        return new ViewUnavailableException("The " + view.name() + " view cannot answer here now ("
                + result.getFailureReason() + ")");
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewUnavailableException("Interrupted while waiting for the view");
        }
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
