package dev.eventviews.bench.figures;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.report.Figure;

/**
 * Figure 10: {@code GET /store/customers/{id}?asOf=} for random existing customers, as of the instant their first
 * load had been processed (before the ingest figures overwrote them, so most reads find an older version: an IQv2
 * {@code VersionedKeyQuery} on the versioned store), against the latest-value key read of the same customers.
 */
public final class AsOfKeyQueries {

    private static final double TARGET = 0.5;
    private static final double TARGET_P99_MS = 10;

    private AsOfKeyQueries() {
    }

    /** @param loadedAt an instant after the customers were first loaded and processed */
    public static Figure run(BenchContext context, Instant loadedAt) {
        int customers = context.scale().customers();
        Http http = context.http();
        String asOf = "?asOf=" + loadedAt;
        Operation asOfRead = sequence -> http.expect(200, http.get(
                "/store/customers/" + Events.customerId(ThreadLocalRandom.current().nextInt(customers)) + asOf));
        Operation latestRead = sequence -> http.expect(200,
                http.get("/store/customers/" + Events.customerId(ThreadLocalRandom.current().nextInt(customers))));

        int concurrency = context.scale().queryConcurrency();
        HeadToHead.Outcome outcome = HeadToHead.run(context.scale(), concurrency, "req/s",
                new HeadToHead.Side("GET /store/customers/{id}?asOf=", asOfRead),
                new HeadToHead.Side("GET /store/customers/{id}", latestRead));
        boolean met = outcome.ratio() >= TARGET && outcome.application().latency().p99Ms() < TARGET_P99_MS;
        return new Figure(10, "As-of key reads",
                customers + " customers, random keys, as of their first load, " + concurrency
                        + " connections; latency at half of each one's peak",
                outcome.application(), outcome.baseline(), outcome.ratio(),
                "≥ " + TARGET + " of latest-value reads, p99 < " + (int) TARGET_P99_MS + " ms", met);
    }
}
