package dev.eventviews.devservices;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running as a separate
 * process, so that dev mode and the tests get a real broker on machines without a container runtime.
 * <p>
 * The broker's classpath is staged by the build ({@code kafka-broker.classpath}, see pom.xml). Its data
 * lives in the given data dir and survives a restart on the same dir.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final LocalProcess process;
    private final int port;

    private LocalKafkaBroker(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker listening on 127.0.0.1 ({@code port} for clients, {@code controllerPort} for the KRaft
     * controller) and blocks until it answers an Admin client.
     *
     * @throws IllegalStateException if it does not become ready; the message names the log file and quotes its
     *         errors and last lines
     */
    public static LocalKafkaBroker start(Path classpathFile, Path dataDir, int port, int controllerPort) {
        try {
            String classpath = brokerClasspath(classpathFile);
            Path data = Files.createDirectories(dataDir).toAbsolutePath();
            Path config = writeServerProperties(data, port, controllerPort);
            Path logFile = data.resolve("broker.log");
            // One log per start (format and broker append to it), so that its tail is about this start.
            Files.deleteIfExists(logFile);
            // Formatting again would fail on (and must not touch) existing data: only a new data dir needs it.
            if (!Files.exists(logDir(data).resolve("meta.properties"))) {
                LocalProcess.start(javaCommand(classpath, "kafka.tools.StorageTool",
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), data, logFile)
                        .awaitSuccess("Formatting Kafka storage", READY_TIMEOUT);
            }
            LocalKafkaBroker broker = new LocalKafkaBroker(
                    LocalProcess.start(javaCommand(classpath, "kafka.Kafka", config.toString()), data, logFile), port);
            // Wait for the port before asking the Admin client: it would log a warning per refused connection.
            broker.process.awaitReady("Kafka broker on " + broker.bootstrapServers(),
                    () -> broker.acceptsConnections() && broker.clusterAnswers(), READY_TIMEOUT);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Kafka broker in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker: a clean shutdown first (SIGTERM), killed if it takes longer than 15 s. */
    @Override
    public void close() {
        process.close();
    }

    private static String brokerClasspath(Path classpathFile) throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(
                    "Kafka broker classpath not found at " + classpathFile.toAbsolutePath()
                            + ": run ./mvnw generate-resources to stage it");
        }
        // The staged file is the whole test classpath. Its Quarkus jars must stay out: quarkus-bootstrap-runner
        // installs a JBoss LogManager configurator that holds all log records back until a Quarkus application
        // starts, which would leave the broker's log empty.
        return Arrays.stream(Files.readString(classpathFile).trim().split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("quarkus-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path logDir(Path dataDir) {
        return dataDir.resolve("kafka-logs");
    }

    private static Path writeServerProperties(Path dataDir, int port, int controllerPort) throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + logDir(dataDir),
                // A single node can only hold one replica of each internal topic.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumer groups (Kafka Streams) should not wait 3 s for more members that never come.
                "group.initial.rebalance.delay.ms=0",
                // Topics are created explicitly, as on a production cluster.
                "auto.create.topics.enable=false",
                "");
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, properties);
        return config;
    }

    private static List<String> javaCommand(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(LocalProcess.javaBinary(), "-Xmx512m", "-XX:+UseSerialGC",
                // The staged classpath logs through the JBoss LogManager; without this it warns on every start.
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean clusterAnswers() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get().isEmpty();
        } catch (ExecutionException e) {
            return false;
        }
    }
}
