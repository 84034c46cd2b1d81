package dev.eventviews.registry;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

/**
 * Avro serdes backed by the schema registry (Apicurio; the records carry the Confluent wire format: magic byte 0
 * and a 4-byte schema id). The same registry URL serves the emitters and Kafka Streams.
 */
public final class RegistrySerdes implements ValueSerdes {

    private final String registryUrl;

    public RegistrySerdes(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    @Override
    public <V extends SpecificRecord> Serde<V> forType(Class<V> type) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(Map.of(
                "apicurio.registry.url", registryUrl,
                "apicurio.registry.auto-register", true,
                "apicurio.registry.use-specific-avro-reader", true,
                // A class, not its name: the serde would look the name up with its own class loader.
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class), false);
        return serde;
    }
}
