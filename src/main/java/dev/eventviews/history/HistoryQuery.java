package dev.eventviews.history;

import java.time.Instant;

/**
 * A page of one entity's history: its events with an offset above {@code after} (null: from the first), a
 * timestamp in [{@code from}, {@code to}] (either null: unbounded), at most {@code limit} of them, in offset order.
 */
public record HistoryQuery(String id, Long after, Instant from, Instant to, int limit) {

    public HistoryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // Long.MAX_VALUE is no offset a topic reaches, and would overflow the range's start.
        if (after != null && (after < 0 || after == Long.MAX_VALUE)) {
            throw new IllegalArgumentException("after must be an offset, was " + after);
        }
    }
}
