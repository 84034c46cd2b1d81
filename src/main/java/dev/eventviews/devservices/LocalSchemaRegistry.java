package dev.eventviews.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * A real Apicurio Registry running as a separate process, so that dev mode and the tests get a real schema
 * registry (with its Confluent-compatible API) on machines without a container runtime.
 * <p>
 * It runs the registry distribution staged by the build (see pom.xml). Schemas are stored in an H2 file
 * database in the given data dir, so they survive a restart on the same dir.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    private static final String RUNNER_JAR_GLOB = "apicurio-registry-app-*-runner.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final LocalProcess process;
    private final int port;

    private LocalSchemaRegistry(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the registry on 127.0.0.1:{@code port} and blocks until it reports ready.
     *
     * @throws IllegalStateException if it does not become ready; the message names the log file and quotes its
     *         errors and last lines
     */
    public static LocalSchemaRegistry start(Path distributionDir, Path dataDir, int port) {
        try {
            Path runnerJar = runnerJar(distributionDir).toAbsolutePath();
            Path data = Files.createDirectories(dataDir).toAbsolutePath();
            Path logFile = data.resolve("registry.log");
            // One log per start, so that its tail is about this start.
            Files.deleteIfExists(logFile);
            LocalSchemaRegistry registry = new LocalSchemaRegistry(LocalProcess.start(List.of(
                    LocalProcess.javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    // The default is an in-memory H2 database, which loses every schema on a restart.
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + data.resolve("registry"),
                    "-jar", runnerJar.toString()), data, logFile), port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            registry.process.awaitReady("Apicurio Registry on " + registry.baseUrl(), () -> isReady(http, health),
                    READY_TIMEOUT);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Apicurio Registry in " + dataDir, e);
        }
    }

    /** The core v3 API, the value for {@code apicurio.registry.url}. */
    public String url() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for Confluent clients and tools. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the registry: a clean shutdown first (SIGTERM), killed if it takes longer than 15 s. */
    @Override
    public void close() {
        process.close();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static Path runnerJar(Path distributionDir) throws IOException {
        if (Files.isDirectory(distributionDir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(distributionDir, RUNNER_JAR_GLOB)) {
                Iterator<Path> found = jars.iterator();
                if (found.hasNext()) {
                    return found.next();
                }
            }
        }
        throw new IllegalStateException("No " + RUNNER_JAR_GLOB + " in " + distributionDir.toAbsolutePath()
                + ": run ./mvnw generate-resources to stage Apicurio Registry");
    }

    private static boolean isReady(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
