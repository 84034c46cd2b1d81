package dev.eventviews.bench.report;

/**
 * One of the benchmark's figures: the application's result, the baseline measured in the same run on the same
 * machine, their ratio, and whether the target is met.
 *
 * @param conditions how it was measured (load, concurrency, rates), in a few words
 * @param ratio application / baseline, in the sense the target states
 */
public record Figure(int number, String name, String conditions, Result measured, Result baseline, double ratio,
        String target, boolean met) {
}
