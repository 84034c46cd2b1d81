package dev.eventviews.bench.load;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

/**
 * Peak throughput at a fixed concurrency: {@code concurrency} operations are always outstanding, and each completion
 * starts the next. One dispatching thread starts them all, so a completion callback (a Kafka producer's I/O thread,
 * a Vert.x event loop) never blocks in a send.
 */
public final class ClosedLoop {

    private static final long HOUR_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String name;
    private final Operation operation;
    private final int concurrency;

    public ClosedLoop(String name, Operation operation, int concurrency) {
        this.name = name;
        this.operation = operation;
        this.concurrency = concurrency;
    }

    /** Runs for {@code warmup} unmeasured, then measures for {@code duration}. */
    public Throughput run(Duration warmup, Duration duration) {
        return run(warmup, duration, Long.MAX_VALUE);
    }

    /** Runs exactly {@code count} operations, all measured. */
    public Throughput runCount(long count) {
        return run(Duration.ZERO, Duration.ofDays(1), count);
    }

    private Throughput run(Duration warmup, Duration duration, long count) {
        Semaphore permits = new Semaphore(concurrency);
        Recorder serviceTimes = new Recorder(HOUR_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long nextReport = start + Progress.EVERY.toNanos();
        long measuredBase = -1;
        try {
            for (long sequence = 0; sequence < count; sequence++) {
                permits.acquire();
                long now = System.nanoTime();
                if (now >= end) {
                    permits.release();
                    break;
                }
                if (measuredBase < 0 && now >= measureFrom) {
                    // Operations completing from here on are the measured ones.
                    measuredBase = completed.get();
                    errors.set(0);
                    serviceTimes.reset();
                }
                if (now >= nextReport) {
                    Progress.say("%s: %,d done, %,.0f/s", name, completed.get(),
                            completed.get() / ((now - start) / 1e9));
                    nextReport = now + Progress.EVERY.toNanos();
                }
                operation.start(sequence).whenComplete((result, failure) -> {
                    serviceTimes.recordValue(Math.min(HOUR_MICROS, (System.nanoTime() - now) / 1_000));
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                    completed.incrementAndGet();
                    permits.release();
                });
            }
            // Let the outstanding operations finish: they were started inside the window.
            permits.acquire(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        }
        long finished = System.nanoTime();
        long measured = completed.get() - Math.max(0, measuredBase);
        return new Throughput(measured, errors.get(), (finished - measureFrom) / 1e9,
                serviceTimes.getIntervalHistogram());
    }
}
