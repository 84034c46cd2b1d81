package dev.eventviews.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;

/**
 * As-of reads and version lists of an entity from its versioned store. Each method builds the IQv2 query and hands
 * it to {@code store}, which runs it where the entity's partition is (a {@code StateQueryRequest} to Kafka
 * Streams, or the store's own {@code query}), and returns the result, or null when there is none.
 * <p>
 * A time older than the retention is refused before the store is asked: the store may still hold such versions
 * (it counts the retention from the latest event it has seen, and keeps every entity's latest version for ever),
 * but an answer must not depend on that.
 */
public final class VersionReads {

    private final HistoryRetention retention;

    public VersionReads(HistoryRetention retention) {
        this.retention = retention;
    }

    /** The version of entity {@code id} that held at {@code asOf}. */
    public <V> HistoryAnswer<Version<V>> asOf(String id, Instant asOf, Instant now,
            Function<VersionedKeyQuery<String, V>, VersionedRecord<V>> store) {
        if (!retention.covers(asOf, now)) {
            return new HistoryAnswer.BeyondRetention<>(retention.oldest(now));
        }
        VersionedRecord<V> record = store.apply(VersionedKeyQuery.<String, V> withKey(id).asOf(asOf));
        return record == null ? new HistoryAnswer.NotFound<>() : new HistoryAnswer.Found<>(Version.of(record));
    }

    /**
     * The versions of entity {@code id} that held at some time in [{@code from}, {@code to}], oldest first;
     * {@code from} null means the oldest instant kept, {@code to} null means up to the latest version.
     */
    public <V> HistoryAnswer<List<Version<V>>> versions(String id, Instant from, Instant to, Instant now,
            Function<MultiVersionedKeyQuery<String, V>, VersionedRecordIterator<V>> store) {
        if (from != null && !retention.covers(from, now)) {
            return new HistoryAnswer.BeyondRetention<>(retention.oldest(now));
        }
        MultiVersionedKeyQuery<String, V> query = MultiVersionedKeyQuery.<String, V> withKey(id)
                .fromTime(from == null ? retention.oldest(now) : from)
                .withAscendingTimestamps();
        if (to != null) {
            query = query.toTime(to);
        }
        List<Version<V>> versions = new ArrayList<>();
        VersionedRecordIterator<V> records = store.apply(query);
        if (records != null) {
            try (records) {
                records.forEachRemaining(record -> versions.add(Version.of(record)));
            }
        }
        return versions.isEmpty() ? new HistoryAnswer.NotFound<>() : new HistoryAnswer.Found<>(versions);
    }
}
