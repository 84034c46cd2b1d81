package dev.eventviews.registry;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

/**
 * Avro serdes backed by the schema registry (Apicurio; the records carry the Confluent wire format: magic byte 0
 * and a 4-byte schema id). The same registry settings ({@link RegistrySettings}: URL, authentication, TLS) serve
 * the emitters and Kafka Streams.
 */
public final class RegistrySerdes implements ValueSerdes {

    private final Map<String, Object> settings;

    /** @param settings the registry client's {@code apicurio.*} settings */
    public RegistrySerdes(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public <V extends SpecificRecord> Serde<V> forType(Class<V> type) {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(serdeConfig(), false);
        return serde;
    }

    Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(settings);
        config.putIfAbsent("apicurio.registry.auto-register", true);
        // The views' code needs the generated classes, whatever the settings say.
        config.put("apicurio.registry.use-specific-avro-reader", true);
        // A class, not its name: the serde would look the name up with its own class loader.
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class);
        return config;
    }
}
