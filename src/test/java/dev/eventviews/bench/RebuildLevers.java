package dev.eventviews.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.eventviews.RealInfrastructure;
import dev.eventviews.bench.data.Loader;
import dev.eventviews.bench.figures.ProcessMemory;
import dev.eventviews.bench.figures.Restore;
import dev.eventviews.bench.kafka.ConsumerLag;
import dev.eventviews.bench.kafka.TopicReader;
import dev.eventviews.bench.load.EventProducer;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.cluster.PackagedApp;
import dev.eventviews.topology.Catalog;

/**
 * The levers of a rebuild (figure 5) and a restore (figure 9), measured one at a time: the same events are loaded
 * once, then rebuilt by one new application per variant of its settings, and the first variant's changelogs are
 * restored by new instances with each restore variant. Smaller and quicker than the benchmark (about 15 minutes),
 * so that a lever can be compared on the same data on the same day; the variance between two runs of the same
 * variant is part of what it prints. Not part of {@code ./mvnw verify}:
 *
 * <pre>
 * ./mvnw -Pbench verify -Dit.test=RebuildLevers
 *     [-Dlevers.events=200000] [-Dlevers.rebuilds="key=value,key=value;..."] [-Dlevers.restores="..."]
 * </pre>
 *
 * Each variant is a list of application settings (system properties of the instance); the empty variant is the
 * defaults. The results go to {@code target/bench/levers.md}.
 */
class RebuildLevers {

    private static final String DEFAULT_REBUILDS = ";kafka-streams.commit.interval.ms=1000"
            + ";kafka-streams.num.stream.threads=2;kafka-streams.statestore.cache.max.bytes=33554432"
            + ";kafka-streams.producer.batch.size=65536;kafka-streams.producer.compression.type=lz4"
            + ";eventviews.rocksdb.memory=64M;";
    private static final String DEFAULT_RESTORES = ";kafka-streams.restore.consumer.max.poll.records=10000"
            + ";kafka-streams.restore.consumer.fetch.max.bytes=52428800";
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    /** Long enough for a collection or two after the rebuild, so that RSS is not the peak of its last batch. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final List<String> results = new ArrayList<>();

    @Test
    void measureEachVariant() throws Exception {
        int events = Integer.getInteger("levers.events", 200_000);
        RealInfrastructure infrastructure = new RealInfrastructure();
        infrastructure.start();
        String bootstrapServers = RealInfrastructure.bootstrapServers();
        try (EventProducer producer = new EventProducer(bootstrapServers, RealInfrastructure.registryUrl());
                ConsumerLag lag = new ConsumerLag(bootstrapServers)) {
            Path workDir = Files.createTempDirectory(Files.createDirectories(Benchmark.REPORT_DIR), "levers-")
                    .toAbsolutePath();
            // The application creates the event topics; the load goes straight to them.
            PackagedApp.start("provision", workDir, settings("levers-provision", "")).close();
            Loader loader = new Loader(producer);
            loader.customers(0, events);
            loader.orders(events, events);
            TopicReader.Read plain = new TopicReader(bootstrapServers, RealInfrastructure.registryUrl())
                    .readToEnd(Catalog.EVENT_TOPICS);
            say("plain consumer: %,d events in %.1f s, %,.0f events/s", plain.records(), plain.seconds(),
                    plain.perSecond());

            List<String> rebuilds = variants("levers.rebuilds", DEFAULT_REBUILDS);
            for (int n = 0; n < rebuilds.size(); n++) {
                rebuild(workDir, lag, "levers-" + n, rebuilds.get(n));
            }
            restore(workDir, "levers-0", variants("levers.restores", DEFAULT_RESTORES));
        } finally {
            infrastructure.stop();
            Files.write(Benchmark.REPORT_DIR.resolve("levers.md"), results);
        }
    }

    private void rebuild(Path workDir, ConsumerLag lag, String applicationId, String variant)
            throws InterruptedException {
        long start = System.nanoTime();
        try (PackagedApp app = PackagedApp.start(applicationId, workDir, settings(applicationId, variant))) {
            long events = lag.awaitCaughtUp(applicationId, TIMEOUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(SETTLE.toMillis());
            say("rebuild [%s]: %,d events in %.1f s from process start, %,.0f events/s; RSS %.0f MB", variant,
                    events, seconds, events / seconds, ProcessMemory.residentMb(app.pid()));
        }
    }

    private void restore(Path workDir, String applicationId, List<String> variants) {
        String bootstrapServers = RealInfrastructure.bootstrapServers();
        TopicReader.Read plain = TopicReader.changelogs(bootstrapServers)
                .readToEnd(Restore.changelogsOf(bootstrapServers, applicationId));
        say("plain consumer: %,d changelog records of %s in %.1f s, %,.0f records/s", plain.records(),
                applicationId, plain.seconds(), plain.perSecond());
        for (int n = 0; n < variants.size(); n++) {
            String variant = variants.get(n);
            Restore.removeMembers(bootstrapServers, applicationId);
            long start = System.nanoTime();
            try (PackagedApp app = PackagedApp.start("restore-" + n, workDir, settings(applicationId, variant),
                    Restore.READY_TIMEOUT)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                say("restore [%s]: ready %.1f s after process start, %,.0f records/s; RSS %.0f MB", variant,
                        seconds, plain.records() / seconds, ProcessMemory.residentMb(app.pid()));
            }
        }
    }

    private static Map<String, String> settings(String applicationId, String variant) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", RealInfrastructure.bootstrapServers(),
                "apicurio.registry.url", RealInfrastructure.registryUrl(),
                "quarkus.kafka-streams.application-id", applicationId));
        Arrays.stream(variant.split(",")).filter(setting -> !setting.isBlank()).forEach(setting -> {
            String[] keyValue = setting.split("=", 2);
            settings.put(keyValue[0].trim(), keyValue[1].trim());
        });
        return settings;
    }

    /** {@code ;}-separated variants; an empty one (the defaults) may be first, last, or both. */
    private static List<String> variants(String property, String defaults) {
        return Arrays.asList(System.getProperty(property, defaults).split(";", -1));
    }

    private void say(String format, Object... args) {
        String line = String.format(format, args);
        Progress.say("%s", line);
        results.add("- " + line);
    }
}
