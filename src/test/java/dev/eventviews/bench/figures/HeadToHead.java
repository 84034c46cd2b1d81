package dev.eventviews.bench.figures;

import dev.eventviews.bench.Scale;
import dev.eventviews.bench.load.ClosedLoop;
import dev.eventviews.bench.load.ConstantRate;
import dev.eventviews.bench.load.Operation;
import dev.eventviews.bench.load.Throughput;
import dev.eventviews.bench.report.LatencySummary;
import dev.eventviews.bench.report.Result;

/**
 * The application against its baseline on equal terms: first the peak rate of each at the same concurrency, then
 * the latency of each at a constant rate of half its own peak (loaded but not saturated; one rate for both would
 * saturate the slower side and measure its queue instead).
 */
final class HeadToHead {

    /** Both sides measured; {@code ratio} is the application's peak over the baseline's. */
    record Outcome(Result application, Result baseline, double ratio) {
    }

    private HeadToHead() {
    }

    static Outcome run(Scale scale, int concurrency, String unit, Side application, Side baseline) {
        Throughput applicationPeak = peak(scale, concurrency, application);
        Throughput baselinePeak = peak(scale, concurrency, baseline);
        return new Outcome(atHalfPeak(scale, application, applicationPeak, unit),
                atHalfPeak(scale, baseline, baselinePeak, unit),
                applicationPeak.perSecond() / baselinePeak.perSecond());
    }

    /** One side: what it is called in the report and the operation that loads it. */
    record Side(String label, Operation operation) {
    }

    private static Throughput peak(Scale scale, int concurrency, Side side) {
        return new ClosedLoop(side.label() + " peak", side.operation(), concurrency).run(scale.warmup(),
                scale.measure());
    }

    private static Result atHalfPeak(Scale scale, Side side, Throughput peak, String unit) {
        double rate = peak.perSecond() / 2;
        ConstantRate.Latencies latencies = new ConstantRate(side.label() + " at a constant rate", side.operation())
                .run(rate, scale.warmup(), scale.measure());
        return Result.of(side.label(), peak.perSecond(), unit).withErrors(peak.errors())
                .withLatency(LatencySummary.of(latencies.micros(), rate, latencies.errors()));
    }
}
