package dev.eventviews.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Every {@code KAFKA_STREAMS_*} environment variable as the {@code kafka-streams.*} property it spells
 * ({@code KAFKA_STREAMS_NUM_STREAM_THREADS} is {@code kafka-streams.num.stream.threads}).
 * <p>
 * Quarkus hands Kafka Streams the {@code kafka-streams.*} properties it finds by name, and an environment variable
 * maps to a property only when that property is named elsewhere (in application.properties): without this source,
 * {@code KAFKA_STREAMS_NUM_STREAM_THREADS=2} was silently ignored. Kafka Streams' keys are lower case and
 * dot-separated, so the mapping is exact. Same ordinal as the environment, below system properties.
 */
public class KafkaStreamsEnvironment implements ConfigSource {

    static final String PREFIX = "KAFKA_STREAMS_";
    private static final int ENVIRONMENT_ORDINAL = 300;

    private final Map<String, String> properties = new TreeMap<>();

    public KafkaStreamsEnvironment() {
        this(System.getenv());
    }

    KafkaStreamsEnvironment(Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                properties.put("kafka-streams." + name.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '.'), value);
            }
        });
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "KAFKA_STREAMS_* environment variables";
    }

    @Override
    public int getOrdinal() {
        return ENVIRONMENT_ORDINAL;
    }
}
