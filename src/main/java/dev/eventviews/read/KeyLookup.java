package dev.eventviews.read;

import java.util.Map;

/** The outcome of a key read. */
public sealed interface KeyLookup<V> {

    /** The value, from the active store, or from a standby that lags by {@code standbyLag} records (else null). */
    record Found<V>(V value, Long standbyLag) implements KeyLookup<V> {
    }

    record Missing<V>() implements KeyLookup<V> {
    }

    /** Another instance held the key and answered: its status, body and the headers worth passing on. */
    record Forwarded<V>(int status, byte[] body, Map<String, String> headers) implements KeyLookup<V> {
    }
}
