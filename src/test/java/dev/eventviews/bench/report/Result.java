package dev.eventviews.bench.report;

/**
 * One side of a figure (the application, or its baseline): the headline number, and where latency was measured,
 * its percentiles. {@code errors} counts operations that failed or got an unexpected answer.
 */
public record Result(String label, double value, String unit, LatencySummary latency, long errors) {

    public static Result of(String label, double value, String unit) {
        return new Result(label, value, unit, null, 0);
    }

    public Result withLatency(LatencySummary latency) {
        return new Result(label, value, unit, latency, errors + latency.errors());
    }

    public Result withErrors(long more) {
        return new Result(label, value, unit, latency, errors + more);
    }
}
