package dev.eventviews.read;

import static dev.eventviews.read.StreamsCalls.guarded;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import dev.eventviews.metrics.ViewInputLag;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.topology.TopologyLayout;

/**
 * Who holds what, from Kafka Streams' metadata: the instance that owns a key, the other instances, the partitions
 * active here, and how many partitions a view has. It reads no store.
 */
@ApplicationScoped
public class InstanceDirectory {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    @Inject
    KafkaStreams streams;

    @Inject
    TopologyLayout layout;

    @Inject
    Admin admin;

    @Inject
    ThisInstance self;

    @Inject
    ViewInputLag inputLag;

    /**
     * Where a key of a store lives: its partition, the active instance and the standbys. Any store whose key is the
     * entity id as a string (the views, and the history stores that follow the same event topic) has it there.
     */
    KeyQueryMetadata owner(String store, String key) {
        KeyQueryMetadata owner = guarded(streams, () -> streams.queryMetadataForKey(store, key, KEYS));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ViewUnavailableException("The " + store + " store is being rebalanced");
        }
        return owner;
    }

    boolean isHere(HostInfo host) {
        return self.hostInfo().equals(host);
    }

    /** The other instances that hold part of a view (whose pages a full list must merge). */
    List<HostInfo> otherInstances(View<?> view) {
        return others(guarded(streams, () -> streams.streamsMetadataForStore(view.name())));
    }

    List<HostInfo> otherInstances() {
        return others(guarded(streams, () -> streams.metadataForAllStreamsClients()));
    }

    private List<HostInfo> others(java.util.Collection<StreamsMetadata> instances) {
        return instances.stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !isHere(host))
                .toList();
    }

    /** This instance only: what it holds, how far each local store partition lags behind its changelog and its input. */
    Instance here() {
        Map<String, Map<Integer, LagInfo>> lags = guarded(streams, () -> streams.allLocalStorePartitionLags());
        StreamsMetadata metadata = guarded(streams, () -> streams.metadataForAllStreamsClients()).stream()
                .filter(instance -> isHere(instance.hostInfo()))
                .findFirst()
                .orElseThrow(() -> new ViewUnavailableException("This instance has no assignment yet"));
        int streamThreads = guarded(streams, () -> streams.metadataForLocalThreads()).size();
        return Instance.of(metadata, lags, inputLag.byTopic(), streamThreads);
    }

    /** Another instance as the group's metadata describes it (for when it does not answer itself). */
    Instance seenFromHere(HostInfo instance) {
        return guarded(streams, () -> streams.metadataForAllStreamsClients()).stream()
                .filter(metadata -> metadata.hostInfo().equals(instance))
                .map(metadata -> Instance.of(metadata, Map.of(), Map.of(), null))
                .findFirst()
                .orElseThrow(() -> new ViewUnavailableException("An instance has left the group"));
    }

    /** The partitions of a store that are active on this instance. */
    Set<Integer> activePartitions(String store) {
        int subtopology = layout.subtopologyOf(store);
        return guarded(streams, () -> streams.metadataForLocalThreads()).stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .filter(task -> task.taskId().subtopology() == subtopology)
                .map(task -> task.taskId().partition())
                .collect(Collectors.toSet());
    }

    /** How far this instance's copy of a store partition lags behind its changelog; null when it holds none. */
    Long lag(String store, int partition) {
        LagInfo lag = guarded(streams, () -> streams.allLocalStorePartitionLags()).getOrDefault(store, Map.of())
                .get(partition);
        return lag == null ? null : lag.offsetLag();
    }

    /** How many partitions a view's store has: a whole list must cover them all. */
    int partitionCount(View<?> view) {
        return partitionCounts.computeIfAbsent(view.name(), store -> {
            String topic = layout.sourceTopicOf(store);
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
            } catch (ExecutionException | TimeoutException e) {
                throw new ViewUnavailableException("The Kafka cluster did not describe the view's topics", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ViewUnavailableException("Interrupted while describing the view's topics");
            }
        });
    }

    static boolean isView(String name) {
        return Catalog.VIEWS.stream().anyMatch(view -> view.name().equals(name));
    }
}
