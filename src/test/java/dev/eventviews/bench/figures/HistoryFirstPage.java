package dev.eventviews.bench.figures;

import java.util.concurrent.ThreadLocalRandom;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.report.Figure;

/**
 * Figure 11: the first page of one customer's history, {@code GET /events/customers/{id}}, in a customers topic of
 * about a million events (the full data set), for random customers among those the ingest figures wrote again
 * (several events each), against the latest-value key read of the same customers. The history index is read by
 * one range from the customer's first row, so the page should cost the same whatever the topic holds.
 */
public final class HistoryFirstPage {

    private static final double TARGET_P99_MS = 50;

    private HistoryFirstPage() {
    }

    /** @param events the events in the customers topic when it runs */
    public static Figure run(BenchContext context, long events) {
        int customers = context.scale().customers();
        Http http = context.http();
        Operation firstPage = sequence -> http.expect(200,
                http.get("/events/customers/" + Events.customerId(ThreadLocalRandom.current().nextInt(customers))));
        Operation latestRead = sequence -> http.expect(200,
                http.get("/store/customers/" + Events.customerId(ThreadLocalRandom.current().nextInt(customers))));

        int concurrency = context.scale().queryConcurrency();
        HeadToHead.Outcome outcome = HeadToHead.run(context.scale(), concurrency, "req/s",
                new HeadToHead.Side("GET /events/customers/{id}", firstPage),
                new HeadToHead.Side("GET /store/customers/{id}", latestRead));
        boolean met = outcome.application().latency().p99Ms() < TARGET_P99_MS;
        return new Figure(11, "History first page",
                String.format("customers topic of %,d events; %,d customers with several events each, random; "
                        + "%d connections; latency at half of each one's peak", events, customers, concurrency),
                outcome.application(), outcome.baseline(), outcome.ratio(),
                "p99 < " + (int) TARGET_P99_MS + " ms", met);
    }
}
