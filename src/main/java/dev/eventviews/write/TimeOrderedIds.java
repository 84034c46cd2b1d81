package dev.eventviews.write;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates ids for events whose client sent none: version-7 UUIDs (RFC 9562), whose text sorts by creation
 * time, so views listed in key order (greetings, above all) come out oldest first.
 */
final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    static String next(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
