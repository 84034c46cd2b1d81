package dev.eventviews.read;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One running instance of the service, as it reports itself: where it answers, which stores and partitions it
 * holds (active and standby), how many records each local store partition still lags behind its changelog,
 * ({@code inputLag}) how many records of each topic it reads it has not processed yet, and how many stream threads
 * fold events into its views ({@code kafka-streams.num.stream.threads}; absent when another instance describes one
 * that does not answer).
 */
public record Instance(String host, int port, Set<String> stores, List<String> partitions, Set<String> standbyStores,
        List<String> standbyPartitions, Map<String, Map<Integer, Long>> lag, Map<String, Long> inputLag,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer streamThreads) {

    static Instance of(StreamsMetadata metadata, Map<String, Map<Integer, LagInfo>> lags, Map<String, Long> inputLag,
            Integer streamThreads) {
        Map<String, Map<Integer, Long>> offsetLags = new TreeMap<>();
        lags.forEach((store, partitions) -> {
            Map<Integer, Long> byPartition = new TreeMap<>();
            partitions.forEach((partition, lag) -> byPartition.put(partition, lag.offsetLag()));
            offsetLags.put(store, byPartition);
        });
        return new Instance(metadata.host(), metadata.port(), new TreeSet<>(metadata.stateStoreNames()),
                names(metadata.topicPartitions()), new TreeSet<>(metadata.standbyStateStoreNames()),
                names(metadata.standbyTopicPartitions()), offsetLags, inputLag, streamThreads);
    }

    private static List<String> names(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).sorted().toList();
    }
}
