package dev.eventviews.topology;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the views topology to the Quarkus Kafka Streams extension, which runs it. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology viewsTopology(@ConfigProperty(name = "apicurio.registry.url") String registryUrl,
            @ConfigProperty(name = "eventviews.idempotency-key-retention") Duration idempotencyKeyRetention) {
        return new ViewsTopology(new RegistrySerdes(registryUrl), idempotencyKeyRetention).build();
    }
}
