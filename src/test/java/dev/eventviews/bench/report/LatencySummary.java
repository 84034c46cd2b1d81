package dev.eventviews.bench.report;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Latency percentiles of one measurement, in milliseconds, with the whole distribution for the chart. */
public record LatencySummary(double ratePerSecond, long count, long errors, double p50Ms, double p99Ms,
        double p999Ms, double maxMs, List<Point> distribution) {

    /** The latency below which {@code percentile} percent of the operations completed. */
    public record Point(double percentile, double ms) {
    }

    /** Points per halving of the distance to 100%: enough for a smooth curve out to the tail. */
    private static final int TICKS_PER_HALF_DISTANCE = 4;

    public static LatencySummary of(Histogram micros, double ratePerSecond, long errors) {
        List<Point> distribution = new ArrayList<>();
        for (HistogramIterationValue value : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            distribution.add(new Point(value.getPercentileLevelIteratedTo(), ms(value.getValueIteratedTo())));
        }
        return new LatencySummary(ratePerSecond, micros.getTotalCount(), errors, ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
                distribution);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
