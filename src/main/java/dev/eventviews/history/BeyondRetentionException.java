package dev.eventviews.history;

import java.time.Instant;

/** A read into the past asked for a time older than the history retention keeps: 410 Gone, not a silent 404. */
public class BeyondRetentionException extends RuntimeException {

    public BeyondRetentionException(Instant asked, Instant oldest, HistoryRetention retention) {
        super("History is kept for " + retention + " (eventviews.history.retention), so the oldest instant that can "
                + "be read now is " + oldest + "; " + asked + " is before it");
    }
}
