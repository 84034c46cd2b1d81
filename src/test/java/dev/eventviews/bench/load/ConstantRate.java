package dev.eventviews.bench.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency at a steady rate, without coordinated omission: operation {@code i} is due at {@code start + i / rate},
 * and its latency is measured from that intended time, not from when it actually got sent. If the system stalls,
 * the operations due during the stall are late, and their lateness is counted, as a user would feel it.
 */
public final class ConstantRate {

    private static final long HOUR_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** Latencies from each operation's intended start to its completion, in microseconds, and the failures. */
    public record Latencies(Histogram micros, long errors, double ratePerSecond) {
    }

    private final String name;
    private final Operation operation;

    public ConstantRate(String name, Operation operation) {
        this.name = name;
        this.operation = operation;
    }

    /** Runs at {@code ratePerSecond} for {@code warmup} unmeasured, then for {@code duration} measured. */
    public Latencies run(double ratePerSecond, Duration warmup, Duration duration) {
        long interval = (long) (1e9 / ratePerSecond);
        Recorder latencies = new Recorder(HOUR_MICROS, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long nextReport = start + Progress.EVERY.toNanos();
        for (long sequence = 0;; sequence++) {
            long intended = start + sequence * interval;
            if (intended >= end) {
                break;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (intended >= nextReport) {
                Progress.say("%s: %,d sent at %,.0f/s, %,d outstanding", name, sequence, ratePerSecond,
                        outstanding.get());
                nextReport = intended + Progress.EVERY.toNanos();
            }
            boolean measured = intended >= measureFrom;
            outstanding.incrementAndGet();
            operation.start(sequence).whenComplete((result, failure) -> {
                if (measured) {
                    latencies.recordValue(Math.min(HOUR_MICROS, (System.nanoTime() - intended) / 1_000));
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                }
                outstanding.decrementAndGet();
            });
        }
        awaitOutstanding(outstanding);
        return new Latencies(latencies.getIntervalHistogram(), errors.get(), ratePerSecond);
    }

    private void awaitOutstanding(AtomicLong outstanding) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + ": " + outstanding.get() + " operations still outstanding after " + DRAIN_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
