package dev.eventviews.topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * What the read side and the metrics need to know of the running topology: which sub-topology (hence which task
 * partitions) holds each store, the runtime names of the topics each one reads, internal topics included, and which
 * topics feed each store.
 */
@ApplicationScoped
public class TopologyLayout {

    private final Map<String, Integer> subtopologyOfStore = new HashMap<>();
    private final Map<Integer, List<String>> sourcesOfSubtopology = new HashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final Map<Integer, Set<String>> sinksOfSubtopology = new HashMap<>();

    @Inject
    TopologyLayout(Topology topology,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            Set<String> sources = new LinkedHashSet<>();
            Set<String> sinks = new LinkedHashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> subtopologyOfStore.put(store, subtopology.id()));
                } else if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        boolean internal = !Catalog.PROVISIONED_TOPICS.contains(topic);
                        sources.add(runtimeName(topic, applicationId));
                        if (internal) {
                            internalTopics.add(applicationId + "-" + topic);
                        }
                    }
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(runtimeName(sink.topic(), applicationId));
                }
            }
            sourcesOfSubtopology.put(subtopology.id(), List.copyOf(sources));
            sinksOfSubtopology.put(subtopology.id(), sinks);
        }
    }

    /** The description names internal topics without the prefix they get at runtime. */
    private static String runtimeName(String topic, String applicationId) {
        return Catalog.PROVISIONED_TOPICS.contains(topic) ? topic : applicationId + "-" + topic;
    }

    /** The sub-topology whose tasks hold a store; task partition n holds store partition n. */
    public int subtopologyOf(String store) {
        return subtopologyOfStore.get(store);
    }

    /** A topic the store's sub-topology reads: it has as many partitions as the store. */
    public String sourceTopicOf(String store) {
        return sourcesOfSubtopology.get(subtopologyOf(store)).get(0);
    }

    /**
     * Every topic whose records reach the store, with their runtime names: the topics its sub-topology reads and,
     * for a topic that another sub-topology writes (a repartition topic), that sub-topology's inputs too. A record
     * on any of them that is not processed yet is not in the store yet.
     */
    public Set<String> inputTopicsOf(String store) {
        Set<String> inputs = new LinkedHashSet<>();
        Deque<Integer> subtopologies = new ArrayDeque<>(List.of(subtopologyOf(store)));
        Set<Integer> seen = new HashSet<>(subtopologies);
        while (!subtopologies.isEmpty()) {
            for (String topic : sourcesOfSubtopology.get(subtopologies.pop())) {
                inputs.add(topic);
                sinksOfSubtopology.forEach((writer, sinks) -> {
                    if (sinks.contains(topic) && seen.add(writer)) {
                        subtopologies.push(writer);
                    }
                });
            }
        }
        return inputs;
    }

    /** Repartition and foreign-key subscription topics, with their runtime names. */
    public List<String> internalTopics() {
        return List.copyOf(internalTopics);
    }
}
