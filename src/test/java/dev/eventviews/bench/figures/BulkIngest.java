package dev.eventviews.bench.figures;

import static dev.eventviews.topology.Catalog.CUSTOMERS;

import java.util.StringJoiner;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.Scale;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.ClosedLoop;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.load.Throughput;
import dev.eventviews.bench.report.Figure;
import dev.eventviews.bench.report.Result;

/**
 * Figure 2: bulk writes, a JSON array of customers per request, each answered once the broker has every event,
 * against a KafkaProducer with as many records in flight as the bulk requests carry.
 */
public final class BulkIngest {

    private static final double TARGET = 0.6;

    private BulkIngest() {
    }

    public static Figure run(BenchContext context) {
        Scale scale = context.scale();
        int size = scale.bulkSize();
        int customers = scale.customers();
        Http http = context.http();
        Operation batches = sequence -> http.expect(202,
                http.post("/events/customers", Http.JSON, batch(sequence * size, size, customers)));
        Operation records = sequence -> context.producer().send(CUSTOMERS, Events.customerId(sequence % customers),
                Events.customer(sequence % customers, "bulk"));

        int concurrency = scale.bulkConcurrency();
        Throughput overHttp = warmThenMeasure(new ClosedLoop("bulk ingest over HTTP", batches, concurrency),
                scale.bulkEvents() / size);
        Throughput straight = warmThenMeasure(
                new ClosedLoop("bulk ingest baseline, KafkaProducer", records, concurrency * size),
                scale.bulkEvents());

        Result measured = Result.of("POST /events/customers, JSON arrays", overHttp.perSecond() * size, "events/s")
                .withErrors(overHttp.errors());
        Result baseline = Result.of("KafkaProducer", straight.perSecond(), "events/s").withErrors(straight.errors());
        double ratio = measured.value() / baseline.value();
        return new Figure(2, "Bulk ingest",
                concurrency + " requests of " + size + " events in flight vs " + concurrency * size
                        + " records in flight, acks=all",
                measured, baseline, ratio, "≥ " + TARGET, ratio >= TARGET);
    }

    /**
     * By count, not time: at a producer's peak, a timed run would add millions of events for the views to catch up
     * on and the rebuild to read. A tenth of the count first, unmeasured, warms the path up.
     */
    private static Throughput warmThenMeasure(ClosedLoop load, long count) {
        load.runCount(count / 10);
        return load.runCount(count);
    }

    private static String batch(long first, int size, int customers) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (long i = first; i < first + size; i++) {
            array.add(Events.customerJson(i % customers, "bulk"));
        }
        return array.toString();
    }
}
