package dev.eventviews.registry;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

/**
 * The schema registry client settings, the same for Kafka Streams' serdes as for the emitters: every
 * {@code apicurio.registry.*} property, then the connector-level {@code mp.messaging.connector.smallrye-kafka.apicurio.*}
 * ones, which the emitters read and which win, as they do there. So the registry's URL, authentication and TLS
 * settings (docs/configuration.md, "Schema registry security") reach both.
 */
public final class RegistrySettings {

    static final String PREFIX = "apicurio.";
    static final String CONNECTOR_PREFIX = "mp.messaging.connector.smallrye-kafka.";

    private RegistrySettings() {
    }

    public static Map<String, Object> from(Config config) {
        Map<String, Object> settings = new TreeMap<>();
        copy(config, "", settings);
        copy(config, CONNECTOR_PREFIX, settings);
        return settings;
    }

    /** A property whose value is empty (an unset {@code ${...:}} default) is not a setting. */
    private static void copy(Config config, String prefix, Map<String, Object> settings) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix + PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(prefix.length()), value));
            }
        }
    }
}
