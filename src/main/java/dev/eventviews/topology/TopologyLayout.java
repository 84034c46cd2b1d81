package dev.eventviews.topology;

import java.util.HashMap;
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
 * What the read side needs to know of the running topology: which sub-topology (hence which task partitions) holds
 * each store, and the runtime names of the topics each one reads, internal topics included.
 */
@ApplicationScoped
public class TopologyLayout {

    private final Map<String, Integer> subtopologyOfStore = new HashMap<>();
    private final Map<Integer, List<String>> sourcesOfSubtopology = new HashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();

    @Inject
    TopologyLayout(Topology topology,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            Set<String> sources = new LinkedHashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> subtopologyOfStore.put(store, subtopology.id()));
                } else if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        // The description names internal topics without the prefix they get at runtime.
                        boolean internal = !Catalog.PROVISIONED_TOPICS.contains(topic);
                        sources.add(internal ? applicationId + "-" + topic : topic);
                        if (internal) {
                            internalTopics.add(applicationId + "-" + topic);
                        }
                    }
                }
            }
            sourcesOfSubtopology.put(subtopology.id(), List.copyOf(sources));
        }
    }

    /** The sub-topology whose tasks hold a store; task partition n holds store partition n. */
    public int subtopologyOf(String store) {
        return subtopologyOfStore.get(store);
    }

    /** A topic the store's sub-topology reads: it has as many partitions as the store. */
    public String sourceTopicOf(String store) {
        return sourcesOfSubtopology.get(subtopologyOf(store)).get(0);
    }

    /** Repartition and foreign-key subscription topics, with their runtime names. */
    public List<String> internalTopics() {
        return List.copyOf(internalTopics);
    }
}
