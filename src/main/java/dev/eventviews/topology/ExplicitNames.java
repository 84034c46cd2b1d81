package dev.eventviews.topology;

import java.util.Map;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * A topology builder that refuses a store, changelog or repartition topic without an explicit name. A generated
 * name (KSTREAM-AGGREGATE-STATE-STORE-0000000012) changes when a processor is added before it, which silently
 * renames a changelog and rebuilds its view from scratch. The check runs when the topology is built, so every
 * topology test catches a missing name.
 * <p>
 * Kafka Streams reads {@code ensure.explicit.internal.resource.naming} only from the config the builder is created
 * with, not from the config KafkaStreams later runs with: a {@code kafka-streams.} property would have no effect.
 */
final class ExplicitNames {

    private ExplicitNames() {
    }

    static StreamsBuilder requiredBy() {
        // application.id and bootstrap.servers are required by StreamsConfig; they do not reach the running topology,
        // which gets the application's config when KafkaStreams is created.
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "topology-naming-check",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true))));
    }
}
