package dev.eventviews.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The registry's authentication and TLS settings reach Kafka Streams' serdes as they reach the emitters, set in the
 * environment as the docs say (application.properties as packaged, plus environment variables).
 */
class RegistrySettingsTest {

    @Test
    void shouldHandTheSerdesEveryRegistrySettingFromTheEnvironmentAndTheProperties() throws IOException {
        Config config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        RegistrySettingsTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(Map.of(
                        "APICURIO_REGISTRY_URL", "https://registry.example/apis/registry/v3",
                        "APICURIO_REGISTRY_AUTH_USERNAME", "views",
                        "APICURIO_REGISTRY_AUTH_PASSWORD", "secret",
                        "APICURIO_REGISTRY_TLS_TRUSTSTORE_LOCATION", "/etc/registry/truststore.p12",
                        "APICURIO_REGISTRY_TLS_TRUSTSTORE_TYPE", "PKCS12"), 300))
                .withSources(new PropertiesConfigSource(Map.of(
                        "mp.messaging.connector.smallrye-kafka.apicurio.registry.request.headers.X-Tenant", "shop"),
                        "system", 400))
                .build();

        Map<String, Object> serde = new RegistrySerdes(RegistrySettings.from(config)).serdeConfig();

        assertEquals("https://registry.example/apis/registry/v3", serde.get("apicurio.registry.url"));
        assertEquals("views", serde.get("apicurio.registry.auth.username"));
        assertEquals("secret", serde.get("apicurio.registry.auth.password"));
        assertEquals("/etc/registry/truststore.p12", serde.get("apicurio.registry.tls.truststore.location"));
        assertEquals("PKCS12", serde.get("apicurio.registry.tls.truststore.type"));
        assertEquals("shop", serde.get("apicurio.registry.request.headers.X-Tenant"), "a channel-level setting");
        assertEquals("true", serde.get("apicurio.registry.auto-register"));
        assertEquals(true, serde.get("apicurio.registry.use-specific-avro-reader"));
        assertFalse(serde.containsKey("apicurio.registry.auth.client.secret"), "an unset setting is left out");
    }
}
