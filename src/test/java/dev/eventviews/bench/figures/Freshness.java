package dev.eventviews.bench.figures;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.Recorder;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.Scale;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.ConstantRate;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.LatencySummary;
import dev.eventviews.bench.report.Result;

/**
 * Figure 3: how soon a write shows in the views. At a steady rate, each write changes a customer's last name to a
 * marker; from its 202, the customer is read every {@link #POLL_INTERVAL} until the marker shows. The time from
 * the 202 to the read that saw it is an upper bound of the freshness, by at most one poll interval.
 * <p>
 * Baseline: the commit interval. Under exactly_once_v2 Kafka Streams commits every 100 ms (its default, which the
 * application keeps); a write that waited for the next commit would be visible within about that.
 */
public final class Freshness {

    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final double TARGET = 2;
    private static final long HOUR_MICROS = TimeUnit.HOURS.toMicros(1);

    private Freshness() {
    }

    public static Figure run(BenchContext context) {
        Scale scale = context.scale();
        Recorder freshness = new Recorder(HOUR_MICROS, 3);
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor();
        try {
            Operation writeThenRead = sequence -> {
                long customer = sequence % scale.customers();
                String marker = "fresh" + sequence;
                return context.http().expect(202, context.http().post("/events/customers", Http.JSON,
                        Events.customerJson(customer, marker)))
                        .thenCompose(accepted -> {
                            long acceptedAt = System.nanoTime();
                            return visible(context.http(), polls, Events.customerId(customer),
                                    Events.customerMarkerJson(marker), acceptedAt + GIVE_UP.toNanos())
                                    .thenAccept(seenAt -> freshness.recordValue(
                                            Math.min(HOUR_MICROS, (seenAt - acceptedAt) / 1_000)));
                        });
            };
            ConstantRate load = new ConstantRate("freshness", writeThenRead);
            load.run(scale.freshnessRate(), Duration.ZERO, scale.warmup());
            freshness.reset();
            ConstantRate.Latencies writes = load.run(scale.freshnessRate(), Duration.ZERO, scale.measure());

            LatencySummary summary = LatencySummary.of(freshness.getIntervalHistogram(), scale.freshnessRate(),
                    writes.errors());
            Result measured = Result.of("202 → visible in /store/customers/{id}", summary.p99Ms(), "ms p99")
                    .withLatency(summary);
            Result baseline = Result.of("commit interval", COMMIT_INTERVAL.toMillis(), "ms");
            double ratio = measured.value() / baseline.value();
            return new Figure(3, "Freshness",
                    "writes at " + scale.freshnessRate() + "/s, polled every " + POLL_INTERVAL.toMillis() + " ms",
                    measured, baseline, ratio, "≤ " + TARGET, ratio <= TARGET);
        } finally {
            polls.shutdownNow();
        }
    }

    /** Completes with the time of the first read that shows {@code marker}. */
    private static CompletableFuture<Long> visible(Http http, ScheduledExecutorService polls, String customerId,
            String marker, long deadline) {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        poll(http, polls, "/store/customers/" + customerId, marker, deadline, seen);
        return seen;
    }

    private static void poll(Http http, ScheduledExecutorService polls, String path, String marker, long deadline,
            CompletableFuture<Long> seen) {
        http.get(path).whenComplete((reply, failure) -> {
            long now = System.nanoTime();
            if (failure == null && reply.status() == 200 && reply.body().contains(marker)) {
                seen.complete(now);
            } else if (now > deadline) {
                seen.completeExceptionally(new TimeoutException(path + " did not show " + marker + " in " + GIVE_UP));
            } else {
                polls.schedule(() -> poll(http, polls, path, marker, deadline, seen), POLL_INTERVAL.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        });
    }
}
