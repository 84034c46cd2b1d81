package dev.eventviews.read;

import static dev.eventviews.read.StreamsCalls.guarded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.topology.Catalog.View;

/**
 * Interactive queries (IQv2) against this instance's stores, and only those. A consistency token becomes an IQv2
 * position bound (or, for derived views, a {@link ConsistencyBarrier} wait), retried until the consistency timeout:
 * this is the one place a read waits for its token.
 */
@ApplicationScoped
public class LocalStores {

    private static final long RETRY_MILLIS = 20;

    @Inject
    KafkaStreams streams;

    @Inject
    ConsistencyBarrier barrier;

    @Inject
    InstanceDirectory instances;

    @Inject
    EventViewsConfig config;

    /**
     * The key from this instance's copy of its partition (active, or a standby when the active did not answer the
     * instance that forwarded here). With {@code options.waitForKey()}, a missing key is looked for again until then.
     */
    <V> KeyLookup<V> find(View<V> view, String key, int partition, ReadOptions options) {
        long consistencyDeadline = awaitDerived(view, options);
        return untilFound(options, () -> findOnce(view, key, partition, consistencyDeadline, options));
    }

    private <V> KeyLookup<V> findOnce(View<V> view, String key, int partition, long deadline, ReadOptions options) {
        V value = queryPartition(view.name(), view.source(), KeyQuery.<String, V> withKey(key), partition, deadline,
                options);
        return value == null ? new KeyLookup.Missing<>()
                : new KeyLookup.Found<>(value, standbyLag(view.name(), partition));
    }

    /**
     * One IQv2 query on one partition of a store that this instance holds, for reads that are not of a view's
     * entries (the history stores). The store's position follows the event topic {@code source} directly, so a
     * token on that topic bounds it, and the query waits for it until the consistency timeout. The result is null
     * when the store has nothing for the query; an answer from a standby carries its lag, as a key read's does.
     */
    public <R> KeyLookup.Found<R> query(String store, Topic<?> source, Query<R> query, int partition,
            ReadOptions options) {
        long deadline = System.nanoTime() + config.query().consistencyTimeout().toNanos();
        R result = queryPartition(store, source, query, partition, deadline, options);
        return new KeyLookup.Found<>(result, standbyLag(store, partition));
    }

    /** The partition's result, once the store has reached the token's position (on {@code source}, if any). */
    private <R> R queryPartition(String store, Topic<?> source, Query<R> query, int partition, long deadline,
            ReadOptions options) {
        // Not requireActive(): Kafka Streams ignores the position bound of requests that require an active store.
        StateQueryRequest<R> request = StateQueryRequest.inStore(store)
                .withQuery(query)
                .withPartitions(Set.of(partition))
                .withPositionBound(bound(source, options));
        QueryResult<R> result = awaitBound(store, options, deadline, () -> result(request, partition));
        if (result.isFailure()) {
            throw unavailable(store, result);
        }
        return result.getResult();
    }

    /** How far this instance's copy of the partition lags, when it is a standby; null when it is the active one. */
    private Long standbyLag(String store, int partition) {
        return instances.activePartitions(store).contains(partition) ? null : instances.lag(store, partition);
    }

    /**
     * Up to {@code limit} entries of this instance's active partitions with keys after {@code after} (exclusive),
     * and which partitions they cover. Standbys are left out: another instance lists those entries.
     */
    <V> ListPart<V> list(View<V> view, String after, int limit, ReadOptions options) {
        long deadline = awaitDerived(view, options);
        RangeQuery<String, V> range = after == null ? RangeQuery.withNoBounds() : RangeQuery.withLowerBound(after);
        PositionBound bound = bound(view.source(), options);
        StateQueryRequest<KeyValueIterator<String, V>> request = StateQueryRequest.inStore(view.name())
                .withQuery(range)
                .withPartitions(instances.activePartitions(view.name()))
                .withPositionBound(bound);
        // Requiring running active tasks keeps restoring partitions out, but makes Kafka Streams ignore any bound.
        StateQueryRequest<KeyValueIterator<String, V>> query = bound.isUnbounded() ? request.requireActive() : request;
        while (true) {
            StateQueryResult<KeyValueIterator<String, V>> result = guarded(streams, () -> streams.query(query));
            try {
                Optional<QueryResult<KeyValueIterator<String, V>>> failed = result.getPartitionResults().values()
                        .stream().filter(QueryResult::isFailure).findFirst();
                if (failed.isEmpty()) {
                    return new ListPart<>(smallest(result, after, limit), result.getPartitionResults().keySet());
                }
                if (failed.get().getFailureReason() != FailureReason.NOT_UP_TO_BOUND) {
                    throw unavailable(view.name(), failed.get());
                }
                checkDeadline(view.name(), options, deadline);
            } finally {
                result.getPartitionResults().values().stream()
                        .filter(QueryResult::isSuccess)
                        .forEach(partition -> partition.getResult().close());
            }
            pause();
        }
    }

    private static <V> Page<V> smallest(StateQueryResult<KeyValueIterator<String, V>> result, String after,
            int limit) {
        TreeMap<String, V> smallest = new TreeMap<>(Pages.STORE_ORDER);
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
            if (smallest.size() == max && Pages.STORE_ORDER.compare(entry.key, smallest.lastKey()) > 0) {
                return;
            }
            smallest.put(entry.key, entry.value);
            if (smallest.size() > max) {
                smallest.pollLastEntry();
            }
        }
    }

    /**
     * A read of a view that no store holds as such, joined when read from stores of the same task (see
     * {@link PartitionStores}): {@code read} gets this instance's copy of {@code partition} of those stores (active,
     * or a standby when the active did not answer the instance that forwarded here), and finds nothing or one value.
     * {@code view} is the store the read is routed by. With {@code options.waitForKey()}, a read that finds nothing
     * is run again until then.
     */
    <R> KeyLookup<R> findJoined(View<?> view, int partition, ReadOptions options,
            Function<PartitionStores, Optional<R>> read) {
        PartitionStores stores = partitionStores(partition, false, awaitDerived(view, options), options);
        return untilFound(options, () -> read.apply(stores)
                .<KeyLookup<R>> map(value -> new KeyLookup.Found<>(value, standbyLag(view.name(), partition)))
                .orElseGet(KeyLookup.Missing::new));
    }

    /**
     * A joined read of every active partition of {@code view} on this instance, each giving a page in key order
     * (by {@code keyOf}), merged into one page of this instance's part, with the partitions it covers.
     */
    <T> ListPart<T> listJoined(View<?> view, Function<T, String> keyOf, int limit, ReadOptions options,
            Function<PartitionStores, Page<T>> read) {
        long deadline = awaitDerived(view, options);
        Set<Integer> partitions = instances.activePartitions(view.name());
        List<Page<T>> pages = new ArrayList<>(partitions.size());
        for (int partition : partitions) {
            pages.add(read.apply(partitionStores(partition, true, deadline, options)));
        }
        return new ListPart<>(Pages.merge(pages, keyOf, limit), partitions);
    }

    /**
     * One partition's stores, each query waiting for the token's position on the store's own event topic, if any.
     * {@code activeOnly} keeps a restoring partition out of a list, as {@link #list} does.
     */
    private PartitionStores partitionStores(int partition, boolean activeOnly, long deadline, ReadOptions options) {
        return new PartitionStores() {
            @Override
            public <V> V get(View<V> view, String key) {
                return queryJoined(view, KeyQuery.<String, V> withKey(key));
            }

            @Override
            public <V> KeyValueIterator<String, V> range(View<V> view, String from, String to) {
                return queryJoined(view, RangeQuery.<String, V> withRange(from, to));
            }

            private <R> R queryJoined(View<?> view, Query<R> query) {
                PositionBound bound = bound(view.source(), options);
                StateQueryRequest<R> request = StateQueryRequest.inStore(view.name())
                        .withQuery(query)
                        .withPartitions(Set.of(partition))
                        .withPositionBound(bound);
                // As in list(): requiring an active store makes Kafka Streams ignore the bound.
                StateQueryRequest<R> asked = activeOnly && bound.isUnbounded() ? request.requireActive() : request;
                QueryResult<R> result = awaitBound(view.name(), options, deadline, () -> result(asked, partition));
                if (result.isFailure()) {
                    throw unavailable(view.name(), result);
                }
                return result.getResult();
            }
        };
    }

    /** The lookup's answer, or with {@code options.waitForKey()}, its first answer that is not missing until then. */
    private <V> KeyLookup<V> untilFound(ReadOptions options, Supplier<KeyLookup<V>> lookup) {
        long keyDeadline = System.nanoTime() + options.waitForKey().toNanos();
        while (true) {
            KeyLookup<V> answer = lookup.get();
            if (!(answer instanceof KeyLookup.Missing) || System.nanoTime() > keyDeadline) {
                return answer;
            }
            pause();
        }
    }

    /** For derived views, the token is honoured here, cluster-wide; returns the deadline for the rest of the read. */
    private long awaitDerived(View<?> view, ReadOptions options) {
        long deadline = System.nanoTime() + config.query().consistencyTimeout().toNanos();
        if (view.derived()) {
            awaitBarrier(view.name(), options, deadline);
        }
        return deadline;
    }

    /**
     * Waits until the stores derived through internal topics reflect the request's token, if it has one: for
     * {@link #query} reads of such a store (one without a source topic), which no position bound can hold back.
     */
    public void awaitDerived(String store, ReadOptions options) {
        awaitBarrier(store, options, System.nanoTime() + config.query().consistencyTimeout().toNanos());
    }

    private void awaitBarrier(String store, ReadOptions options, long deadline) {
        if (options.token() != null) {
            try {
                barrier.await(options.token(), deadline);
            } catch (ConsistencyBarrier.DeadlinePassed e) {
                throw new ConsistencyTimeoutException(store, options.token(), config.query().consistencyTimeout());
            }
        }
    }

    /**
     * A token on the store's own source topic bounds its position at that partition and offset; stores derived
     * through internal topics ({@code source} null) wait at the {@link ConsistencyBarrier} instead.
     */
    private static PositionBound bound(Topic<?> source, ReadOptions options) {
        ConsistencyToken token = options.token();
        if (token == null || source == null || !source.name().equals(token.topic())) {
            return PositionBound.unbounded();
        }
        return PositionBound.at(Position.emptyPosition().withComponent(token.topic(), token.partition(),
                token.offset()));
    }

    /** Retries while the store is behind the bound, until the deadline. */
    private <R> QueryResult<R> awaitBound(String store, ReadOptions options, long deadline,
            Supplier<QueryResult<R>> query) {
        while (true) {
            QueryResult<R> result = query.get();
            if (result.isSuccess() || result.getFailureReason() != FailureReason.NOT_UP_TO_BOUND) {
                return result;
            }
            checkDeadline(store, options, deadline);
            pause();
        }
    }

    private <V> QueryResult<V> result(StateQueryRequest<V> request, int partition) {
        QueryResult<V> result = guarded(streams, () -> streams.query(request)).getPartitionResults().get(partition);
        return result != null ? result
                : QueryResult.forFailure(FailureReason.NOT_PRESENT, "partition " + partition + " is not here");
    }

    private void checkDeadline(String store, ReadOptions options, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new ConsistencyTimeoutException(store, options.token(), config.query().consistencyTimeout());
        }
    }

    private static ViewUnavailableException unavailable(String store, QueryResult<?> result) {
        return new ViewUnavailableException("The " + store + " store cannot answer here now ("
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
}
