package dev.eventviews.bench.load;

import java.time.Duration;

/** Progress lines on standard output, with the time since the benchmark began, so a long run shows it is alive. */
public final class Progress {

    private static final long STARTED = System.nanoTime();
    /** How often a long-running step reports. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private Progress() {
    }

    public static void say(String format, Object... args) {
        double seconds = (System.nanoTime() - STARTED) / 1e9;
        System.out.printf("[bench %6.1fs] %s%n", seconds, String.format(format, args));
        System.out.flush();
    }
}
