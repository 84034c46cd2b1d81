package dev.eventviews;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import dev.eventviews.devservices.LocalKafkaBroker;
import dev.eventviews.devservices.LocalSchemaRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the tests against a real Kafka broker and a real Apicurio Registry, started as separate processes
 * (there is no container runtime for Dev Services). Every test JVM gets fresh ones, on free ports, with fresh data
 * under {@code target/test-infra/run-*}, which is kept afterwards for the logs.
 * <p>
 * They are started once per JVM and stopped when it exits: a test profile restarts Quarkus and its test
 * resources, and starting a broker and a registry again would cost half a minute each time.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(RealInfrastructure.class);
    private static final Executor NEW_THREAD = task -> new Thread(task, "real-infrastructure-start").start();

    private static volatile LocalKafkaBroker broker;
    private static volatile LocalSchemaRegistry registry;
    // Where and on which ports they run, so that an outage test can start them again with their data.
    private static volatile Path stagingDir;
    private static volatile Path runDir;
    private static volatile int[] ports;

    @Override
    public Map<String, String> start() {
        synchronized (RealInfrastructure.class) {
            if (broker == null) {
                startBoth();
                Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::stopBoth, "stop-test-infra"));
            }
        }
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "apicurio.registry.url", registry.url(),
                // A state dir left by an earlier run makes Kafka Streams fail (TaskCorruptedException) on a new broker.
                "kafka-streams.state.dir", runDir.resolve("kafka-streams-state").toString());
    }

    /** Nothing to do: they run until the JVM exits (see above). */
    @Override
    public void stop() {
    }

    private static void startBoth() {
        // Surefire passes where the build staged the broker classpath and the registry; an IDE may not.
        stagingDir = Path.of(System.getProperty("local-infra.dir", "target/local-infra"));
        runDir = newRunDir();
        ports = freePorts();

        // Each takes several seconds to start: start them side by side.
        CompletableFuture<LocalKafkaBroker> startingBroker = CompletableFuture.supplyAsync(
                RealInfrastructure::startBroker, NEW_THREAD);
        CompletableFuture<LocalSchemaRegistry> startingRegistry = CompletableFuture.supplyAsync(
                RealInfrastructure::startRegistry, NEW_THREAD);
        try {
            CompletableFuture.allOf(startingBroker, startingRegistry).join();
        } catch (CompletionException e) {
            // Both have finished by now: stop the one that did start, or it outlives the tests.
            startingBroker.thenAccept(LocalKafkaBroker::close);
            startingRegistry.thenAccept(LocalSchemaRegistry::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        broker = startingBroker.join();
        registry = startingRegistry.join();
        LOG.infof("Test infrastructure in %s: Kafka broker %s, Apicurio Registry %s", runDir, broker.bootstrapServers(),
                registry.url());
    }

    private static void stopBoth() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /** A broker outage: stops the broker (cleanly), keeping its data for {@link #restartBroker()}. */
    public static void stopBroker() {
        running(broker, "Kafka broker").close();
    }

    /** Starts the broker again on its data and ports, and waits until it answers. */
    public static void restartBroker() {
        broker = startBroker();
    }

    /** A registry outage: stops the registry, keeping its schemas for {@link #restartRegistry()}. */
    public static void stopRegistry() {
        running(registry, "Apicurio Registry").close();
    }

    public static void restartRegistry() {
        registry = startRegistry();
    }

    private static LocalKafkaBroker startBroker() {
        return LocalKafkaBroker.start(stagingDir.resolve("kafka-broker.classpath"), runDir.resolve("kafka"), ports[0],
                ports[1]);
    }

    private static LocalSchemaRegistry startRegistry() {
        return LocalSchemaRegistry.start(stagingDir.resolve("apicurio-registry"), runDir.resolve("registry"),
                ports[2]);
    }

    public static String bootstrapServers() {
        return running(broker, "Kafka broker").bootstrapServers();
    }

    public static String registryUrl() {
        return running(registry, "Apicurio Registry").url();
    }

    private static <T> T running(T service, String name) {
        if (service == null) {
            throw new IllegalStateException(
                    name + " is not running: the test must use the RealInfrastructure test resource");
        }
        return service;
    }

    private static Path newRunDir() {
        try {
            Path testInfraDir = Files.createDirectories(Path.of("target", "test-infra"));
            return Files.createTempDirectory(testInfraDir, "run-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Free ports for the broker, its controller and the registry, held open together so that none repeats. */
    private static int[] freePorts() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket brokerPort = new ServerSocket(0, 1, loopback);
                ServerSocket controllerPort = new ServerSocket(0, 1, loopback);
                ServerSocket registryPort = new ServerSocket(0, 1, loopback)) {
            return new int[] { brokerPort.getLocalPort(), controllerPort.getLocalPort(), registryPort.getLocalPort() };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
