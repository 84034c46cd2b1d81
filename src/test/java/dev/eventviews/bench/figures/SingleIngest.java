package dev.eventviews.bench.figures;

import static dev.eventviews.topology.Catalog.CUSTOMERS;

import dev.eventviews.bench.BenchContext;
import dev.eventviews.bench.data.Events;
import dev.eventviews.bench.load.Http;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.report.Figure;

/**
 * Figure 1: one event per request, {@code POST /events/customers}, each answered once the broker has it (acks=all),
 * against the same records sent by a KafkaProducer with the same serializer and acks, at the same concurrency.
 */
public final class SingleIngest {

    private static final double TARGET = 0.25;

    private SingleIngest() {
    }

    public static Figure run(BenchContext context) {
        int customers = context.scale().customers();
        Http http = context.http();
        Operation overHttp = sequence -> http.expect(202,
                http.post("/events/customers", Http.JSON, Events.customerJson(sequence % customers, "ingest")));
        Operation straight = sequence -> context.producer().send(CUSTOMERS, Events.customerId(sequence % customers),
                Events.customer(sequence % customers, "ingest"));

        int concurrency = context.scale().ingestConcurrency();
        HeadToHead.Outcome outcome = HeadToHead.run(context.scale(), concurrency, "events/s",
                new HeadToHead.Side("POST /events/customers", overHttp),
                new HeadToHead.Side("KafkaProducer", straight));
        return new Figure(1, "Single-event ingest",
                concurrency + " concurrent, acks=all; latency at half of each one's peak rate",
                outcome.application(), outcome.baseline(), outcome.ratio(), "≥ " + TARGET, outcome.ratio() >= TARGET);
    }
}
