package dev.eventviews.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.eventviews.devservices.LocalProcess;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, as users run it in prod mode) as a separate
 * process: several of them form a cluster, and a test can stop or kill one.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The JVM options the README recommends for production (see its Performance section), so that tests and the
     * benchmark run the application as users do: a heap sized to the live set, the parallel collector (G1's
     * bookkeeping costs 50 MB on a small heap; the serial one promoted bulk requests and ran full GCs), no cache of
     * large temporary direct buffers in every Kafka network thread, freed native memory (RocksDB's) handed back to
     * the OS, and a heap that shrinks back after a load instead of keeping all it grew to.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseParallelGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-Djdk.nio.maxCachedBufferSize=262144",
            "-XX:TrimNativeHeapInterval=5000");
    /**
     * More JVM options for every instance, space-separated, from {@code -Dapp.jvm-args=...} on the Maven command line:
     * e.g. a flight recording or native memory tracking while the benchmark runs (README, Performance).
     */
    private static final String EXTRA_JVM_OPTIONS = System.getProperty("app.jvm-args", "");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Path instanceDir;
    private final LocalProcess process;

    private PackagedApp(String name, int port, Path instanceDir, LocalProcess process) {
        this.name = name;
        this.port = port;
        this.instanceDir = instanceDir;
        this.process = process;
    }

    /**
     * Starts an instance on a free port, with its own state dir under {@code dir}, and waits until it is ready.
     *
     * @param config extra configuration, e.g. the broker and registry addresses
     */
    public static PackagedApp start(String name, Path dir, Map<String, String> config) {
        return start(name, dir, config, READY_TIMEOUT);
    }

    /**
     * The same, waiting up to {@code readyTimeout}: for an instance that restores all its state before it is ready,
     * which takes as long as the state is large.
     */
    public static PackagedApp start(String name, Path dir, Map<String, String> config, Duration readyTimeout) {
        return start(name, dir, freePort(), config, readyTimeout);
    }

    /** Starts (or restarts) an instance on a given port, keeping the state dir of an earlier run in {@code dir}. */
    public static PackagedApp start(String name, Path dir, int port, Map<String, String> config) {
        return start(name, dir, port, config, READY_TIMEOUT);
    }

    private static PackagedApp start(String name, Path dir, int port, Map<String, String> config,
            Duration readyTimeout) {
        Path instanceDir = instanceDir(dir, name);
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + port,
                "-Deventviews.advertised-host=localhost",
                "-Dkafka-streams.state.dir=" + stateDir(instanceDir)));
        config.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        return start(name, instanceDir, port, properties, Map.of(), readyTimeout);
    }

    /**
     * Starts an instance configured by environment variables only, as a container is: {@code environment} must
     * hold the HTTP port ({@code QUARKUS_HTTP_PORT}) and whatever else it needs.
     */
    public static PackagedApp startWithEnvironment(String name, Path dir, int port, Map<String, String> environment) {
        return start(name, instanceDir(dir, name), port, List.of(), environment, READY_TIMEOUT);
    }

    /**
     * Runs an instance configured by environment variables only that is expected to refuse to start, e.g. on a bad
     * value, and returns its log once it has exited.
     *
     * @throws IllegalStateException if it starts after all (it is then stopped)
     */
    public static String refusedStart(String name, Path dir, Map<String, String> environment) {
        Path instanceDir = instanceDir(dir, name);
        LocalProcess process = launch(instanceDir, List.of(), environment);
        int exitCode = process.awaitExit(name, READY_TIMEOUT);
        if (exitCode == 0) {
            throw new IllegalStateException(name + " started and stopped cleanly; see " + process.logFile());
        }
        try {
            return Files.readString(process.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PackagedApp start(String name, Path instanceDir, int port, List<String> properties,
            Map<String, String> environment, Duration readyTimeout) {
        LocalProcess process = launch(instanceDir, properties, environment);
        PackagedApp app = new PackagedApp(name, port, instanceDir, process);
        process.awaitReady(app.toString(), app::isReady, readyTimeout);
        return app;
    }

    private static LocalProcess launch(Path instanceDir, List<String> properties, Map<String, String> environment) {
        try {
            List<String> command = new ArrayList<>(List.of(LocalProcess.javaBinary()));
            command.addAll(JVM_OPTIONS);
            Arrays.stream(EXTRA_JVM_OPTIONS.split(" ")).filter(option -> !option.isBlank()).forEach(command::add);
            command.addAll(properties);
            command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath()
                    .toString()));
            return LocalProcess.start(command, environment, instanceDir, instanceDir.resolve("app.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path instanceDir(Path dir, String name) {
        try {
            return Files.createDirectories(dir.resolve(name)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The instance's log; it grows across restarts. */
    public Path logFile() {
        return process.logFile();
    }

    /** Where Kafka Streams keeps the instance's state stores; kept across restarts. */
    public Path stateDir() {
        return stateDir(instanceDir);
    }

    private static Path stateDir(Path instanceDir) {
        return instanceDir.resolve("state");
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: a crash. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: a graceful stop. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }

    private boolean isReady() throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
