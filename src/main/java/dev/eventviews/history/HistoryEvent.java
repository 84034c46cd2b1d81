package dev.eventviews.history;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

/**
 * One event of an entity's history as the API shows it: where it is in the log (its consistency token is
 * {@code topic:partition:offset}, as a write of it answered), when the log took it, and the event itself (null for
 * a delete, which the log holds as a tombstone).
 */
public record HistoryEvent(Instant timestamp, String topic, int partition, long offset, String token,
        SpecificRecord event) {

    static HistoryEvent of(HistoryEntry entry, SpecificRecord event) {
        return new HistoryEvent(entry.getTimestamp(), entry.getTopic(), entry.getPartition(), entry.getOffset(),
                entry.getTopic() + ":" + entry.getPartition() + ":" + entry.getOffset(), event);
    }
}
