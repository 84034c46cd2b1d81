package dev.eventviews.queries;

import java.util.List;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;

/** One running instance of the service: where it answers and which stores and partitions it holds. */
public record Instance(String host, int port, Set<String> stores, List<String> partitions, Set<String> standbyStores,
        List<String> standbyPartitions) {

    static Instance of(StreamsMetadata metadata) {
        return new Instance(metadata.host(), metadata.port(), metadata.stateStoreNames(),
                names(metadata.topicPartitions()), metadata.standbyStateStoreNames(),
                names(metadata.standbyTopicPartitions()));
    }

    private static List<String> names(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::toString).sorted().toList();
    }
}
