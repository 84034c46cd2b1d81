package dev.eventviews.history;

import java.time.Instant;

import org.apache.kafka.streams.state.VersionedRecord;

/** One state of an entity and when it held: from {@code validFrom} until {@code validTo} (null: still holds). */
public record Version<V>(V value, Instant validFrom, Instant validTo) {

    static <V> Version<V> of(VersionedRecord<V> record) {
        return new Version<>(record.value(), Instant.ofEpochMilli(record.timestamp()),
                record.validTo().map(Instant::ofEpochMilli).orElse(null));
    }
}
