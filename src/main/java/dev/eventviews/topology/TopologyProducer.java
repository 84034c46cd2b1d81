package dev.eventviews.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.kafka.TopicPartitions;
import dev.eventviews.registry.RegistrySerdes;
import dev.eventviews.registry.RegistrySettings;
import dev.eventviews.registry.ValueSerdes;

/** Hands the views topology, with the checkout saga, to the Quarkus Kafka Streams extension, which runs it. */
@ApplicationScoped
public class TopologyProducer {

    /** The registry serdes, shared with whatever else reads the views' topics (the live change feed). */
    @Produces
    @Singleton
    ValueSerdes registrySerdes(Config config) {
        return new RegistrySerdes(RegistrySettings.from(config));
    }

    @Produces
    @Singleton
    Topology viewsTopology(ValueSerdes serdes, EventViewsConfig config, TopicPartitions topicPartitions) {
        return new ViewsTopology(serdes, config.idempotencyKeyRetention(), config.history().retention(),
                config.topics().partitions(), new CheckoutTopology(serdes, config.checkout().stepTimeout()))
                .checkingPartitions(topicPartitions::of).build();
    }
}
