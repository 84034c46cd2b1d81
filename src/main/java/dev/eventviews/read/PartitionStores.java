package dev.eventviews.read;

import org.apache.kafka.streams.state.KeyValueIterator;

import dev.eventviews.topology.Catalog.View;

/**
 * One partition of several stores on this instance, for a view that is joined when it is read rather than stored
 * joined: stores written by the same task hold the same keys' data in the same partition, so one partition of each
 * answers the whole join. Each query is an IQv2 query of that partition; a range's iterator must be closed.
 */
public interface PartitionStores {

    /** The value of a key, or null. */
    <V> V get(View<V> view, String key);

    /** The entries with keys from {@code from} to {@code to}, both inclusive, a null bound being open; in key order. */
    <V> KeyValueIterator<String, V> range(View<V> view, String from, String to);
}
