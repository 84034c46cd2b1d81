package dev.eventviews.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads pages of one entity's history from a history store (see {@link HistoryKeys}).
 * <p>
 * A page is one range read that starts at the entity's first row after {@code after}: without {@code from} and
 * {@code to}, it reads {@code limit + 1} rows whatever the size of the topic or of the entity's history. Rows
 * outside [{@code from}, {@code to}] are skipped rather than ending the read, so a page stays right even on a topic
 * whose timestamps do not follow the offsets (producer time); a window far from the entity's first event then costs
 * a read of the entity's rows before it, never of other entities' rows.
 */
public final class EventHistory {

    /** The bounds (both inclusive) of one entity's rows after an offset, for a store range or an IQv2 RangeQuery. */
    public record Range(Bytes lower, Bytes upper) {
    }

    private final HistoryRetention retention;

    public EventHistory(HistoryRetention retention) {
        this.retention = retention;
    }

    public static Range range(String id, Long after) {
        return new Range(HistoryKeys.row(id, after == null ? 0 : after + 1), HistoryKeys.row(id, Long.MAX_VALUE));
    }

    /** The page from this instance's store, which holds the entity's partition. */
    public HistoryPage read(ReadOnlyKeyValueStore<Bytes, HistoryEntry> store, HistoryQuery query, Instant now) {
        Range range = range(query.id(), query.after());
        try (KeyValueIterator<Bytes, HistoryEntry> rows = store.range(range.lower(), range.upper())) {
            return page(rows, query, now);
        }
    }

    /**
     * The page from the rows of {@link #range}, in key order. Rows older than the retention are left out even
     * while they wait to be removed, so that a page does not depend on when that happens.
     */
    public HistoryPage page(Iterator<KeyValue<Bytes, HistoryEntry>> rows, HistoryQuery query, Instant now) {
        Instant oldest = retention.oldest(now);
        Instant from = query.from() == null || query.from().isBefore(oldest) ? oldest : query.from();
        List<HistoryEntry> entries = new ArrayList<>();
        while (rows.hasNext()) {
            HistoryEntry entry = rows.next().value;
            if (entry.getTimestamp().isBefore(from) || query.to() != null && entry.getTimestamp().isAfter(query.to())) {
                continue;
            }
            if (entries.size() == query.limit()) {
                return new HistoryPage(entries, entries.get(entries.size() - 1).getOffset());
            }
            entries.add(entry);
        }
        return new HistoryPage(entries, null);
    }
}
