package dev.eventviews.devservices;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;

import dev.eventviews.config.EventViewsConfig;

/**
 * Dev mode's stand-in for Quarkus Dev Services, which need a container runtime: when the configured Kafka
 * broker or schema registry is on this machine and nothing answers there, it starts a real one as a separate
 * process on that port.
 * <p>
 * It runs before the other startup code (Reactive Messaging starts at {@code LIBRARY_BEFORE}, Kafka Streams at
 * the default priority), so they find both services up.
 */
@IfBuildProfile("dev")
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
@Singleton
public class LocalInfrastructure {

    private static final Logger LOG = Logger.getLogger(LocalInfrastructure.class);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final Executor NEW_THREAD = task -> new Thread(task, "local-infrastructure-start").start();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "apicurio.registry.url")
    String registryUrl;

    @Inject
    EventViewsConfig config;

    @PostConstruct
    void startMissingServices() {
        // Each takes several seconds to start: start them side by side.
        CompletableFuture<Void> broker = CompletableFuture.runAsync(this::ensureBroker, NEW_THREAD);
        CompletableFuture<Void> registry = CompletableFuture.runAsync(this::ensureRegistry, NEW_THREAD);
        try {
            CompletableFuture.allOf(broker, registry).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void ensureBroker() {
        // A single host:port, parsed like a URI authority; a list of servers has no single host and is left alone.
        URI address = URI.create("kafka://" + bootstrapServers.trim());
        if (!needsLocalProcess("Kafka broker", address, bootstrapServers)) {
            return;
        }
        Path dataDir = config.devServices().dir().resolve("kafka").toAbsolutePath();
        long startedAt = System.nanoTime();
        LocalKafkaBroker broker = LocalKafkaBroker.start(config.devServices().stagingDir().resolve("kafka-broker.classpath"), dataDir,
                address.getPort(), address.getPort() + 1);
        stopOnExit(broker::close, "kafka-broker");
        LOG.infof("Started a local Kafka broker at %s (controller port %d, pid %d) in %.1f s; data: %s, log: %s",
                broker.bootstrapServers(), address.getPort() + 1, broker.pid(), secondsSince(startedAt), dataDir,
                broker.logFile());
    }

    private void ensureRegistry() {
        URI address = URI.create(registryUrl.trim());
        if (!needsLocalProcess("Schema registry", address, registryUrl)) {
            return;
        }
        Path dataDir = config.devServices().dir().resolve("registry").toAbsolutePath();
        long startedAt = System.nanoTime();
        LocalSchemaRegistry registry = LocalSchemaRegistry.start(config.devServices().stagingDir().resolve("apicurio-registry"), dataDir,
                address.getPort());
        stopOnExit(registry::close, "schema-registry");
        LOG.infof("Started a local Apicurio Registry at %s (Confluent API %s, pid %d) in %.1f s; data: %s, log: %s",
                registry.url(), registry.ccompatUrl(), registry.pid(), secondsSince(startedAt), dataDir,
                registry.logFile());
    }

    private static boolean needsLocalProcess(String service, URI address, String configured) {
        if (address.getHost() == null || !LOCAL_HOSTS.contains(address.getHost()) || address.getPort() == -1) {
            LOG.debugf("%s %s is not a local host:port; not starting one", service, configured);
            return false;
        }
        if (acceptsConnections(address.getPort())) {
            // Typically a live reload: the service started by this dev session (or one started by hand) still runs.
            LOG.infof("%s: something already answers on port %d; using it", service, address.getPort());
            return false;
        }
        return true;
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A JVM shutdown hook rather than {@code @PreDestroy}: a live reload destroys and re-creates this bean, and the
     * services should keep running (and keep their state) across reloads, stopping only when dev mode exits.
     */
    private static void stopOnExit(Runnable stop, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stop-local-" + name));
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
