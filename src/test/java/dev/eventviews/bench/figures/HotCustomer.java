package dev.eventviews.bench.figures;

import static dev.eventviews.topology.Catalog.ORDERS;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.ClosedLoop;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Progress;
import dev.eventviews.bench.load.Throughput;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;

/**
 * Figure 8: a customer with many orders costs what its orders cost, no more. N orders of one customer, against the
 * same N orders spread over N customers in the same run, each written by a KafkaProducer as fast as it goes: the
 * time from the first write until every view holds all of them (the application has processed everything on its
 * input topics). Meanwhile, once half of the orders are written, an order of another customer is written and timed
 * from its acknowledgement until {@code /store/customer-orders/{customerId}} shows it: it should wait for the
 * events written before it only, as long in both runs.
 */
public final class HotCustomer {

    private static final double TARGET = 1.5;
    private static final String HOT_CUSTOMER = Events.customerId(0);
    private static final String OTHER_CUSTOMER = Events.customerId(1);
    private static final int IN_FLIGHT = 10_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    /** One side: how long until the views held every order, and how long the other customer's order took. */
    private record Side(double seconds, double otherOrderMillis) {
    }

    private HotCustomer() {
    }

    public static Figure run(BenchContext context) {
        int orders = context.scale().hotOrders();
        if (orders > context.scale().customers()) {
            throw new IllegalArgumentException("the uniform side needs a customer per order: at most "
                    + context.scale().customers() + " orders");
        }
        Side uniform = side(context, "uniform", Events::customerId);
        Side hot = side(context, "hot", sequence -> HOT_CUSTOMER);

        Result measured = Result.of(String.format("%,d orders of one customer", orders), hot.seconds(), "s");
        Result baseline = Result.of(String.format("%,d orders of %,d customers", orders, orders), uniform.seconds(),
                "s");
        double ratio = hot.seconds() / uniform.seconds();
        return new Figure(8, "Hot customer",
                String.format("until every view holds them; another customer's order written midway showed in "
                        + "customer-orders %.0f ms after its ack (uniform side: %.0f ms)", hot.otherOrderMillis(),
                        uniform.otherOrderMillis()),
                measured, baseline, ratio, "≤ " + TARGET, ratio <= TARGET);
    }

    private static Side side(BenchContext context, String name, LongFunction<String> customerOf) {
        int orders = context.scale().hotOrders();
        String otherOrderId = name + "-other";
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        CompletableFuture<Double> otherOrderMillis = new CompletableFuture<>();
        try {
            long start = System.nanoTime();
            Throughput written = new ClosedLoop(name + " orders", sequence -> {
                if (sequence == orders / 2) {
                    context.producer().send(ORDERS, otherOrderId, Events.order(otherOrderId, OTHER_CUSTOMER))
                            .thenAcceptAsync(acknowledged -> otherOrderMillis.complete(
                                    millisUntilShown(context.http(), otherOrderId)), watcher)
                            .exceptionally(failure -> {
                                otherOrderMillis.completeExceptionally(failure);
                                return null;
                            });
                }
                String orderId = name + "-" + sequence;
                return context.producer().send(ORDERS, orderId, Events.order(orderId, customerOf.apply(sequence)));
            }, IN_FLIGHT).runCount(orders);
            if (written.errors() > 0) {
                throw new IllegalStateException(name + ": " + written.errors() + " orders were not acknowledged");
            }
            long caughtUp = context.lag().caughtUpAt(context.appConfig().get("quarkus.kafka-streams.application-id"),
                    TIMEOUT);
            Side side = new Side((caughtUp - start) / 1e9, otherOrderMillis.join());
            Progress.say("%s: %,d orders held by every view after %.1f s; the other customer's order showed after "
                    + "%.0f ms", name, orders, side.seconds(), side.otherOrderMillis());
            return side;
        } finally {
            watcher.shutdownNow();
        }
    }

    /** Polls the other customer's orders from now until the order shows. */
    private static double millisUntilShown(Http http, String orderId) {
        long acknowledged = System.nanoTime();
        String path = "/store/customer-orders/" + OTHER_CUSTOMER + "?limit=1000";
        while (System.nanoTime() - acknowledged < TIMEOUT.toNanos()) {
            Http.Reply reply = http.get(path).join();
            if (reply.status() == 200 && reply.body().contains("\"orderId\":\"" + orderId + "\"")) {
                return (System.nanoTime() - acknowledged) / 1e6;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + orderId, e);
            }
        }
        throw new IllegalStateException(orderId + " did not show in " + path + " within " + TIMEOUT);
    }
}
