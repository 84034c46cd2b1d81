package dev.eventviews.bench;

import java.time.Duration;

/**
 * How much data and load a run uses. {@code full} is the benchmark (about half an hour on 2 cores); {@code small} runs
 * every step with tiny counts in well under 2 minutes, so that {@code ./mvnw verify} proves the benchmark still works.
 *
 * @param customers the customers written first, which ingest overwrites and key queries read
 * @param loadCustomers customers in the views when memory is measured and the views are rebuilt
 * @param loadOrders orders in the views then, each placed by a random customer
 * @param warmup unmeasured load before each measurement, for the JIT and the connection pools
 * @param measure how long each throughput or latency measurement lasts
 * @param bulkEvents the events each side of the bulk figure writes, measured by count rather than time
 * @param hotOrders the orders of the hot customer figure, on each side: at most {@code customers}, since the uniform
 *     side gives each to its own customer
 */
public record Scale(String name, int customers, int loadCustomers, int loadOrders, Duration warmup,
        Duration measure, int ingestConcurrency, int bulkConcurrency, int bulkSize, long bulkEvents,
        double freshnessRate, int queryConcurrency, int hotOrders) {

    public static Scale small() {
        return new Scale("small", 1_000, 2_000, 2_000, Duration.ofMillis(500), Duration.ofSeconds(1), 8, 2, 100,
                10_000, 20, 8, 1_000);
    }

    public static Scale full() {
        return new Scale("full", 100_000, 1_000_000, 1_000_000, Duration.ofSeconds(10), Duration.ofSeconds(20), 32, 4,
                200, 1_000_000, 50, 32, 100_000);
    }

    /** {@code -Dbench.scale=full} for the benchmark; anything else, or nothing, is the small run. */
    public static Scale fromSystemProperty() {
        return "full".equals(System.getProperty("bench.scale")) ? full() : small();
    }
}
