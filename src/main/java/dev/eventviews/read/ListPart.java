package dev.eventviews.read;

import java.util.Set;

/** One instance's page of a list, and the store partitions it was read from. */
public record ListPart<V>(Page<V> page, Set<Integer> partitions) {
}
