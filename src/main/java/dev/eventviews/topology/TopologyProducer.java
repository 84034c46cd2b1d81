package dev.eventviews.topology;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.eventviews.checkout.CheckoutTopology;

/** Hands the views topology, with the checkout saga, to the Quarkus Kafka Streams extension, which runs it. */
@ApplicationScoped
public class TopologyProducer {

    /** The registry serdes, shared with whatever else reads the views' topics (the live change feed). */
    @Produces
    @Singleton
    ValueSerdes registrySerdes(@ConfigProperty(name = "apicurio.registry.url") String registryUrl) {
        return new RegistrySerdes(registryUrl);
    }

    @Produces
    @Singleton
    Topology viewsTopology(ValueSerdes serdes,
            @ConfigProperty(name = "eventviews.idempotency-key-retention") Duration idempotencyKeyRetention,
            @ConfigProperty(name = "eventviews.checkout.step-timeout", defaultValue = "10s") Duration stepTimeout) {
        return new ViewsTopology(serdes, idempotencyKeyRetention, new CheckoutTopology(serdes, stepTimeout)).build();
    }
}
