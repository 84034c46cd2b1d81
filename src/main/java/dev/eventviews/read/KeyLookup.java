package dev.eventviews.read;

import java.util.List;

import org.apache.kafka.streams.state.HostInfo;

/** The outcome of a key read on this instance. */
public sealed interface KeyLookup<V> {

    /** The value, from the active store, or from a standby that lags by {@code standbyLag} records (else null). */
    record Found<V>(V value, Long standbyLag) implements KeyLookup<V> {
    }

    record Missing<V>() implements KeyLookup<V> {
    }

    /** Another instance holds the key: ask these, the active one first, then the standbys. */
    record OnOtherInstance<V>(List<HostInfo> candidates) implements KeyLookup<V> {
    }
}
