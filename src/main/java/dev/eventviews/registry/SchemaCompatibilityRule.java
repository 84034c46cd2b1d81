package dev.eventviews.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.topology.Catalog;
import io.quarkus.runtime.StartupEvent;

/**
 * Sets the schema registry's compatibility rule for the event topics' subjects on start-up (BACKWARD by default):
 * every new version of an event schema must read all older events, so the log stays readable as the schemas evolve
 * (add optional fields with defaults; do not remove, rename or retype fields). A registry then refuses an
 * incompatible version, whoever registers it. The call goes through the Confluent-compatible API, where one call per
 * subject sets the rule, even before its first schema. If the registry cannot be reached, start-up goes on and the
 * log gives the command.
 */
@ApplicationScoped
public class SchemaCompatibilityRule {

    private static final Logger LOG = Logger.getLogger(SchemaCompatibilityRule.class);
    private static final String CORE_API = "/apis/registry/v3";
    private static final String CONFLUENT_API = "/apis/ccompat/v7";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "apicurio.registry.url")
    String registryUrl;

    @Inject
    EventViewsConfig config;

    void onStart(@Observes StartupEvent event) {
        String compatibility = config.schemaCompatibility();
        if (!registryUrl.endsWith(CORE_API)) {
            LOG.warnf("Cannot set the %s compatibility rule: %s is not a registry's %s URL; set it by hand"
                    + " (see the README)", compatibility, registryUrl, CORE_API);
            return;
        }
        String confluentApi = registryUrl.substring(0, registryUrl.length() - CORE_API.length()) + CONFLUENT_API;
        for (String topic : Catalog.EVENT_TOPICS) {
            set(confluentApi + "/config/" + topic + "-value", compatibility);
        }
    }

    private void set(String subjectConfig, String compatibility) {
        String body = "{\"compatibility\":\"" + compatibility + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(subjectConfig)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode() + ": " + response.body());
            }
            LOG.debugf("Compatibility %s set at %s", compatibility, subjectConfig);
        } catch (IOException e) {
            LOG.warnf("Cannot set the %s compatibility rule (%s). Set it by hand: curl -X PUT %s -H"
                    + " 'Content-Type: application/json' -d '%s'", compatibility, e.getMessage(), subjectConfig, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
