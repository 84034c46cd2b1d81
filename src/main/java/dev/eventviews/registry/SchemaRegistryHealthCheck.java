package dev.eventviews.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Writes serialize through the schema registry, so the service is not ready to take events while the registry
 * cannot be reached; the check says which URL failed and how.
 */
@Readiness
@ApplicationScoped
public class SchemaRegistryHealthCheck implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "apicurio.registry.url")
    String registryUrl;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Schema registry").withData("url", registryUrl);
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/system/info"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.status(status == 200).withData("status", status).build();
        } catch (IOException e) {
            return response.down().withData("error", "unreachable: " + e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().build();
        }
    }
}
