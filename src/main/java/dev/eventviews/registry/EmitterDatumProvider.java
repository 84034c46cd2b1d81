package dev.eventviews.registry;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Gives the emitters' Avro serializer the same datum provider as Kafka Streams (see
 * {@link SchemaInstanceDatumProvider}). It goes in as a class rather than a class name in application.properties:
 * the serde resolves names with its own class loader, which in tests cannot see the application's classes.
 */
@ApplicationScoped
public class EmitterDatumProvider implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class);
        return config;
    }
}
