package dev.eventviews.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rows of a time travel store that have fallen out of the retention, found through its by-time store (keys
 * from {@link HistoryKeys#byTime}): a range from the start, so each pass costs the rows it removes, not the rows
 * kept.
 */
final class ExpiredRows {

    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    /**
     * Rows removed per pass at most, so that a pass (and the transaction that carries its tombstones) stays short
     * after a burst of rows expires at once; the rest goes in the next passes.
     */
    static final int PRUNE_BATCH = 10_000;

    private ExpiredRows() {
    }

    /** Up to {@link #PRUNE_BATCH} by-time keys of a time before {@code oldest}, oldest first. */
    static List<Bytes> before(KeyValueStore<Bytes, byte[]> byTime, long oldest) {
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> keys = byTime.range(null, HistoryKeys.before(oldest))) {
            while (keys.hasNext() && expired.size() < PRUNE_BATCH) {
                expired.add(keys.next().key);
            }
        }
        return expired;
    }
}
