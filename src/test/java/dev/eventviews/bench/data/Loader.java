package dev.eventviews.bench.data;

import static dev.eventviews.topology.Catalog.CUSTOMERS;
import static dev.eventviews.topology.Catalog.ORDERS;

import java.util.concurrent.ThreadLocalRandom;

import dev.eventviews.bench.load.ClosedLoop;
import dev.eventviews.bench.load.EventProducer;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.load.Throughput;

/** Writes the data set straight to the broker, as fast as the producer goes: loading, not a measurement. */
public final class Loader {

    /** Records in flight: enough for full batches on every partition. */
    private static final int IN_FLIGHT = 10_000;

    private final EventProducer producer;

    public Loader(EventProducer producer) {
        this.producer = producer;
    }

    /** Customers {@code from} (inclusive) to {@code to} (exclusive). */
    public void customers(long from, long to) {
        load("loading customers", to - from,
                sequence -> producer.send(CUSTOMERS, Events.customerId(from + sequence),
                        Events.customer(from + sequence, "loaded")));
    }

    /** Orders 0 to {@code count}, each placed by one of the first {@code customers} customers at random. */
    public void orders(long count, int customers) {
        load("loading orders", count, sequence -> {
            long customer = ThreadLocalRandom.current().nextInt(customers);
            return producer.send(ORDERS, Events.orderId(sequence), Events.order(sequence, customer));
        });
    }

    private static void load(String name, long count, Operation send) {
        Throughput loaded = new ClosedLoop(name, send, IN_FLIGHT).runCount(count);
        if (loaded.errors() > 0) {
            throw new IllegalStateException(name + ": " + loaded.errors() + " records were not acknowledged");
        }
    }
}
