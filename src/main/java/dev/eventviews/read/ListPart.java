package dev.eventviews.read;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** One instance's page of a list, and the store partitions it was read from. */
public record ListPart<V>(Page<V> page, Set<Integer> partitions) {

    /** The partitions as the {@code Covered-Partitions} header gives them, e.g. {@code 0,2,5}. */
    public String partitionList() {
        return partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Integer> parsePartitionList(String list) {
        return Arrays.stream(list.split(","))
                .filter(partition -> !partition.isBlank())
                .map(Integer::valueOf)
                .collect(Collectors.toSet());
    }
}
