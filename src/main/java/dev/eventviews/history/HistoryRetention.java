package dev.eventviews.history;

import java.time.Duration;
import java.time.Instant;

/**
 * How far back the history rows and the versions are kept ({@code eventviews.history.retention}), measured back
 * from the wall clock. Reads answer for instants at or after {@link #oldest}, whatever the stores still hold, so
 * an answer never depends on when the expired data was actually removed.
 */
public record HistoryRetention(Duration period) {

    public Instant oldest(Instant now) {
        return now.minus(period);
    }

    public boolean covers(Instant instant, Instant now) {
        return !instant.isBefore(oldest(now));
    }

    /** The period as people write it: "30 days", "12 hours", else ISO-8601 ({@code PT90S}). */
    @Override
    public String toString() {
        if (period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()))) {
            return period.toDays() + (period.toDays() == 1 ? " day" : " days");
        }
        if (period.toHours() > 0 && period.equals(Duration.ofHours(period.toHours()))) {
            return period.toHours() + (period.toHours() == 1 ? " hour" : " hours");
        }
        return period.toString();
    }
}
