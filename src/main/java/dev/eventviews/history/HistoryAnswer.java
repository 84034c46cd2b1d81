package dev.eventviews.history;

import java.time.Instant;

/** The outcome of a read into the past: what was there, nothing, or a time older than the retention keeps. */
public sealed interface HistoryAnswer<T> {

    record Found<T>(T value) implements HistoryAnswer<T> {
    }

    /** Nothing at that time: the entity did not exist yet, or had been deleted. */
    record NotFound<T>() implements HistoryAnswer<T> {
    }

    /** The time asked for is before {@code oldest}, the oldest instant the retention keeps. */
    record BeyondRetention<T>(Instant oldest) implements HistoryAnswer<T> {
    }
}
