package dev.eventviews.bench.figures;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.kafka.TopicReader;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;
import dev.eventviews.cluster.PackagedApp;
import dev.eventviews.topology.Catalog;

/**
 * Figure 5: rebuilding every view from the log. A new instance with a fresh application id and an empty state dir
 * reads every event topic from the beginning; it is done when it has processed everything on the event topics and
 * on its own internal topics. Timed from its process start, as an operator would see it. Baseline: a plain consumer
 * reading the same topics to the end.
 */
public final class Rebuild {

    static final String APPLICATION_ID = "bench-rebuild";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final double TARGET = 0.05;

    private Rebuild() {
    }

    /** Runs while no other instance loads the machine: the caller has stopped the application under test. */
    public static Figure run(BenchContext context) {
        TopicReader.Read plain = new TopicReader(context.bootstrapServers(), context.registryUrl())
                .readToEnd(Catalog.EVENT_TOPICS);
        Progress.say("plain consumer read %,d events in %.1f s", plain.records(), plain.seconds());

        Map<String, String> config = new HashMap<>(context.appConfig());
        config.put("quarkus.kafka-streams.application-id", APPLICATION_ID);
        long start = System.nanoTime();
        double toReady;
        double seconds;
        long events;
        double resident;
        try (PackagedApp rebuilding = PackagedApp.start("rebuild", context.workDir(), config)) {
            toReady = (System.nanoTime() - start) / 1e9;
            Progress.say("rebuilding instance ready after %.1f s; waiting until it has processed the log", toReady);
            events = context.lag().awaitCaughtUp(APPLICATION_ID, TIMEOUT);
            seconds = (System.nanoTime() - start) / 1e9;
            resident = ProcessMemory.residentMb(rebuilding.pid());
        }
        Result measured = Result.of("new instance, fresh application id", events / seconds, "events/s");
        Result baseline = Result.of("plain KafkaConsumer", plain.perSecond(), "events/s");
        double ratio = measured.value() / baseline.value();
        return new Figure(5, "Rebuild",
                String.format("%,d events in %.1f s from process start (%.1f s to ready; RSS after %d MB) vs %.1f s",
                        events, seconds, toReady, Math.round(resident), plain.seconds()),
                measured, baseline, ratio, "≥ " + TARGET, ratio >= TARGET);
    }
}
