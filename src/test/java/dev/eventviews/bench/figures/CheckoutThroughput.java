package dev.eventviews.bench.figures;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.Scale;
import dev.eventviews.bench.load.ClosedLoop;
import dev.eventviews.bench.load.ConstantRate;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.bench.load.Throughput;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.LatencySummary;
import dev.eventviews.bench.report.Result;

/**
 * Figure 7: whole checkouts, end to end. One operation is {@code POST /checkout} and then a long poll of its
 * Location ({@code ?waitFor=terminal}) until it is COMPLETED: the request in the log, the saga's three steps (six
 * hops through the command and reply topics, each a Kafka Streams transaction) and the completion. Peak checkouts per
 * second in a closed loop, and latency at half of that rate, against single-event ingest (figure 1's application
 * side, measured in the same run). Targets: at least a quarter of single-event ingest, and p99 within ten commit
 * intervals (100 ms each under exactly-once).
 * <p>
 * The shop has more stock and money than the run can use, spread over a few products and many customers, so every
 * checkout completes and the load is not one product's partition.
 * <p>
 * A checkout takes about seven commit intervals (each hop's output becomes readable when its transaction commits),
 * so a closed loop at single ingest's concurrency would measure that latency, not what the service can do: the
 * checkouts run at {@value #CONCURRENCY_FACTOR} times that concurrency, each waiting on its own connection, and the
 * windows are at least a few checkouts long.
 */
public final class CheckoutThroughput {

    private static final double TARGET = 0.25;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final double P99_TARGET_MS = 10 * COMMIT_INTERVAL.toMillis();
    private static final int CONCURRENCY_FACTOR = 8;
    private static final Duration MIN_WARMUP = Duration.ofSeconds(3);
    private static final Duration MIN_MEASURE = Duration.ofSeconds(5);
    private static final int PRODUCTS = 12;
    private static final int CUSTOMERS = 120;
    private static final String ADDRESS = "{\"street\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\","
            + "\"country\":\"US\"}";

    private CheckoutThroughput() {
    }

    public static Figure run(BenchContext context, Result singleIngest) {
        stockTheShop(context.http());
        // The small run (inside ./mvnw verify) shows the figure works end to end; at eight times the ingest
        // concurrency it outran a machine busy with the rest of the suite and timed out.
        int concurrency = context.scale().ingestConcurrency()
                * (context.scale().name().equals(Scale.full().name()) ? CONCURRENCY_FACTOR : 1);
        Duration warmup = max(context.scale().warmup(), MIN_WARMUP);
        Duration measure = max(context.scale().measure(), MIN_MEASURE);
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (Http http = new Http(context.app().url(), concurrency)) {
            Throughput peak = new ClosedLoop("checkouts peak", checkouts(http, run + "-peak"), concurrency)
                    .run(warmup, measure);
            double rate = peak.perSecond() / 2;
            ConstantRate.Latencies latencies = new ConstantRate("checkouts at a constant rate",
                    checkouts(http, run + "-rate")).run(rate, warmup, measure);
            LatencySummary latency = LatencySummary.of(latencies.micros(), rate, latencies.errors());
            Result measured = Result.of("POST /checkout → COMPLETED", peak.perSecond(), "checkouts/s")
                    .withErrors(peak.errors()).withLatency(latency);
            double ratio = peak.perSecond() / singleIngest.value();
            boolean met = ratio >= TARGET && latency.p99Ms() <= P99_TARGET_MS;
            return new Figure(7, "Checkout end to end", concurrency + " concurrent; POST, then long poll until "
                    + "COMPLETED; latency at half the peak rate", measured, singleIngest, ratio,
                    "≥ " + TARGET + " of single ingest, p99 ≤ " + (long) P99_TARGET_MS + " ms", met);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Products with a billion units each; customers with both addresses and more money than the run spends. */
    private static void stockTheShop(Http http) {
        Progress.say("checkout: stocking %d products, funding %d customers", PRODUCTS, CUSTOMERS);
        CompletableFuture<?>[] writes = new CompletableFuture<?>[2 * PRODUCTS + 2 * CUSTOMERS];
        int n = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            writes[n++] = http.expect(202, http.post("/events/products", Http.JSON,
                    "{\"productId\":\"bench-p" + p + "\",\"name\":\"Bench item " + p + "\",\"priceCents\":100}"));
            writes[n++] = http.expect(202, http.post("/events/products/bench-p" + p + "/stock", Http.JSON,
                    "{\"delta\":1000000000}"));
        }
        for (int c = 0; c < CUSTOMERS; c++) {
            writes[n++] = http.expect(202, http.post("/events/customers", Http.JSON, "{\"customerId\":\"bench-c" + c
                    + "\",\"firstName\":\"Bench\",\"lastName\":\"Buyer\",\"email\":\"b" + c + "@example.com\","
                    + "\"shippingAddress\":" + ADDRESS + ",\"billingAddress\":" + ADDRESS + "}"));
            writes[n++] = http.expect(202, http.post("/events/customers/bench-c" + c + "/deposits", Http.JSON,
                    "{\"amountCents\":1000000000000}"));
        }
        CompletableFuture.allOf(writes).join();
        // The first checkouts would otherwise race the stock and the money to the participants.
        sleep(Duration.ofSeconds(2));
    }

    /** Checkouts with orderIds of their own: a repeated orderId would be ignored, and end at once. */
    private static Operation checkouts(Http http, String prefix) {
        return sequence -> complete(http, prefix + "-" + sequence, sequence);
    }

    /** One checkout of units of two products, followed until it ends; fails unless it COMPLETED. */
    private static CompletableFuture<?> complete(Http http, String orderId, long sequence) {
        String body = "{\"orderId\":\"bench-" + orderId + "\",\"customerId\":\"bench-c" + sequence % CUSTOMERS
                + "\",\"lines\":[{\"productId\":\"bench-p" + sequence % PRODUCTS + "\",\"quantity\":1},"
                + "{\"productId\":\"bench-p" + (sequence + 1) % PRODUCTS + "\",\"quantity\":2}]}";
        return http.expect(202, http.post("/checkout", Http.JSON, body))
                .thenCompose(accepted -> untilEnded(http, "/store/checkouts/bench-" + orderId
                        + "?waitFor=terminal&waitMs=30000&consistentWith=" + token(accepted.body()),
                        System.nanoTime() + FOLLOW_TIMEOUT.toNanos()))
                .thenApply(ended -> {
                    if (!ended.body().contains("\"state\":\"COMPLETED\"")) {
                        throw new IllegalStateException("not completed: " + ended.body());
                    }
                    return ended;
                });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How long one checkout may take to end before the figure fails. */
    private static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(50);

    /**
     * The long poll again while the checkout is not readable yet (404) or the view is behind the request's token (504):
     * under load, the saga may take longer than one poll.
     */
    private static CompletableFuture<Http.Reply> untilEnded(Http http, String path, long deadline) {
        return http.get(path).thenCompose(reply -> {
            boolean notYet = reply.status() == 404 || reply.status() == 504;
            if (notYet && System.nanoTime() < deadline) {
                return untilEnded(http, path, deadline);
            }
            return http.expect(200, CompletableFuture.completedFuture(reply));
        });
    }

    /** The consistency token of a 202 answer's body. */
    private static String token(String accepted) {
        int start = accepted.indexOf("\"token\":\"") + "\"token\":\"".length();
        return accepted.substring(start, accepted.indexOf('"', start));
    }
}
