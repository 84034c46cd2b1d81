package dev.eventviews.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What a closed-loop run measured: operations completed per second in the measured window, how many failed, and
 * their service times (closed-loop latencies understate stalls: use {@link ConstantRate} for latency figures).
 */
public record Throughput(long operations, long errors, double seconds, Histogram serviceTimesMicros) {

    public double perSecond() {
        return operations / seconds;
    }
}
