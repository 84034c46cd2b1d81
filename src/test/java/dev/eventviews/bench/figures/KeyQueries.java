package dev.eventviews.bench.figures;

import java.util.concurrent.ThreadLocalRandom;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.report.Figure;

/**
 * Figure 4: {@code GET /store/customers/{id}} for random existing customers (an IQv2 key query on the owning
 * partition's RocksDB store, answered as JSON) against the same HTTP server serving a small static file.
 */
public final class KeyQueries {

    /**
     * The application's favicon (110 bytes; a customer is about 150 bytes of JSON), served from META-INF/resources
     * by Quarkus's static file handler. Swagger UI's files would not do: their own handler is slower than a key
     * query, which would make any ratio look good.
     */
    static final String STATIC_FILE = "/favicon.ico";
    private static final double TARGET = 0.6;
    private static final double TARGET_P99_MS = 5;

    private KeyQueries() {
    }

    public static Figure run(BenchContext context) {
        int customers = context.scale().customers();
        Http http = context.http();
        Operation keyQuery = sequence -> http.expect(200,
                http.get("/store/customers/" + Events.customerId(ThreadLocalRandom.current().nextInt(customers))));
        Operation staticFile = sequence -> http.expect(200, http.get(STATIC_FILE));

        int concurrency = context.scale().queryConcurrency();
        HeadToHead.Outcome outcome = HeadToHead.run(context.scale(), concurrency, "req/s",
                new HeadToHead.Side("GET /store/customers/{id}", keyQuery),
                new HeadToHead.Side("GET " + STATIC_FILE, staticFile));
        boolean met = outcome.ratio() >= TARGET && outcome.application().latency().p99Ms() < TARGET_P99_MS;
        return new Figure(4, "Key queries",
                customers + " customers, random keys, " + concurrency
                        + " connections; latency at half of each one's peak",
                outcome.application(), outcome.baseline(), outcome.ratio(),
                "≥ " + TARGET + ", p99 < " + (int) TARGET_P99_MS + " ms", met);
    }
}
