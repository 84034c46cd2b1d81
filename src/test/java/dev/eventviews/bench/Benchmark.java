package dev.eventviews.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.eventviews.RealInfrastructure;
import dev.eventviews.bench.data.Loader;
import dev.eventviews.bench.figures.AsOfKeyQueries;
import dev.eventviews.bench.figures.BulkIngest;
import dev.eventviews.bench.figures.CheckoutThroughput;
import dev.eventviews.bench.figures.Freshness;
import dev.eventviews.bench.figures.HistoryFirstPage;
import dev.eventviews.bench.figures.HotCustomer;
import dev.eventviews.bench.figures.KeyQueries;
import dev.eventviews.bench.figures.Memory;
import dev.eventviews.bench.figures.Rebuild;
import dev.eventviews.bench.figures.Restore;
import dev.eventviews.bench.figures.SingleIngest;
import dev.eventviews.bench.figures.TimeTravelStorage;
import dev.eventviews.bench.kafka.ConsumerLag;
import dev.eventviews.bench.load.EventProducer;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Report;
import dev.eventviews.bench.report.RunInfo;
import dev.eventviews.cluster.PackagedApp;
import dev.eventviews.kafka.EndOffsets;
import dev.eventviews.topology.Catalog;

/**
 * The benchmark: starts a real broker and registry, then the packaged application in prod mode as its own process,
 * loads data, measures its figures each against a baseline in the same run, and writes the report to
 * {@code target/bench/}. Every figure starts once the views have caught up, so that one figure's backlog does not
 * slow the next.
 */
public final class Benchmark {

    public static final Path REPORT_DIR = Path.of("target", "bench");
    static final String COMMAND = "./mvnw -Pbench verify";
    private static final String APPLICATION_ID = "bench-views";
    /** How long the views may take to process a backlog: the full data set on a slow, shared machine. */
    private static final Duration CATCH_UP = Duration.ofMinutes(30);
    private static final int HTTP_CONNECTIONS = 64;

    public Report run(Scale scale) {
        RunInfo run = RunInfo.starting(COMMAND, scale.name(), String.join(" ", PackagedApp.JVM_OPTIONS));
        Progress.say("benchmark (%s): starting a Kafka broker and Apicurio Registry", scale.name());
        RealInfrastructure infrastructure = new RealInfrastructure();
        infrastructure.start();
        List<Figure> figures = new ArrayList<>();
        Report report;
        try {
            String bootstrapServers = RealInfrastructure.bootstrapServers();
            String registryUrl = RealInfrastructure.registryUrl();
            Map<String, String> appConfig = Map.of(
                    "kafka.bootstrap.servers", bootstrapServers,
                    "apicurio.registry.url", registryUrl,
                    "quarkus.kafka-streams.application-id", APPLICATION_ID);
            Path workDir = newWorkDir();
            Progress.say("starting the packaged application (prod mode)");
            try (PackagedApp app = PackagedApp.start("views", workDir, appConfig);
                    Http http = new Http(app.url(), HTTP_CONNECTIONS);
                    EventProducer producer = new EventProducer(bootstrapServers, registryUrl);
                    ConsumerLag lag = new ConsumerLag(bootstrapServers)) {
                BenchContext context = new BenchContext(scale, app, http, producer, lag, bootstrapServers,
                        registryUrl, appConfig, workDir);
                measureWithData(context, new Loader(producer), figures);
                caughtUp(context);
                figures.add(announce(HotCustomer.run(context)));
                app.close();
                figures.add(announce(Restore.run(context)));
                figures.add(announce(Rebuild.run(context)));
            }
        } finally {
            infrastructure.stop();
            // Also when a figure failed: the figures measured before it are most of a run's work.
            figures.sort(Comparator.comparingInt(Figure::number));
            report = new Report(run.finished(), figures);
            report.writeTo(REPORT_DIR);
            Progress.say("report written to %s", REPORT_DIR.toAbsolutePath());
        }
        return report;
    }

    private void measureWithData(BenchContext context, Loader loader, List<Figure> figures) {
        Scale scale = context.scale();
        double residentAtStart = Memory.residentMb(context);
        loader.customers(0, scale.customers());
        caughtUp(context);
        Instant firstLoaded = Instant.now();
        Figure singleIngest = announce(SingleIngest.run(context));
        figures.add(singleIngest);
        caughtUp(context);
        figures.add(announce(BulkIngest.run(context)));
        caughtUp(context);
        figures.add(announce(Freshness.run(context)));
        caughtUp(context);
        figures.add(announce(KeyQueries.run(context)));
        caughtUp(context);
        figures.add(announce(AsOfKeyQueries.run(context, firstLoaded)));
        figures.add(announce(CheckoutThroughput.run(context, singleIngest.measured())));
        loader.customers(scale.customers(), scale.loadCustomers());
        loader.orders(scale.loadOrders(), scale.loadCustomers());
        caughtUp(context);
        figures.add(announce(Memory.run(context, residentAtStart)));
        figures.add(announce(HistoryFirstPage.run(context,
                EndOffsets.total(context.bootstrapServers(), Catalog.CUSTOMERS))));
        figures.add(announce(TimeTravelStorage.run(context)));
    }

    private static void caughtUp(BenchContext context) {
        Progress.say("waiting for the views to catch up");
        context.lag().awaitCaughtUp(APPLICATION_ID, CATCH_UP);
    }

    private static Figure announce(Figure figure) {
        Progress.say("figure %d, %s: ratio %.2f (target %s) %s", figure.number(), figure.name(), figure.ratio(),
                figure.target(), figure.met() ? "met" : "NOT met");
        return figure;
    }

    /** A fresh directory for the application instances' state and logs, kept after the run for the logs. */
    private static Path newWorkDir() {
        try {
            Files.createDirectories(REPORT_DIR);
            return Files.createTempDirectory(REPORT_DIR, "run-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
