package dev.eventviews.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.eventviews.http.InvalidParameterException;
import dev.eventviews.read.ReadOptions;

/**
 * The times that reads into the past take as query parameters ({@code asOf}, {@code from}, {@code to}): ISO-8601
 * instants, checked here so that a bad one is a 400 naming the parameter.
 */
public final class TimeParams {

    static final String FORMAT = "must be an ISO-8601 instant, such as 2026-01-31T10:15:30Z";

    /** An interval of time; either end may be null (unbounded). */
    public record Window(Instant from, Instant to) {
    }

    private TimeParams() {
    }

    /**
     * {@code ?asOf=}: null when absent. The future has no state yet, so an instant after now is refused, by the
     * instance the client asked: a read forwarded from another instance (local scope) was checked there, and this
     * instance's clock may be a little behind that one's.
     */
    public static Instant asOf(String text, ReadOptions options) {
        Instant asOf = instant("asOf", text);
        if (asOf != null && !options.localOnly() && asOf.isAfter(Instant.now())) {
            throw new InvalidParameterException("asOf", "must not be in the future");
        }
        return asOf;
    }

    /** {@code ?from=&to=}: either may be absent, but {@code from} may not be after {@code to}. */
    public static Window window(String from, String to) {
        Window window = new Window(instant("from", from), instant("to", to));
        if (window.from() != null && window.to() != null && window.from().isAfter(window.to())) {
            throw new InvalidParameterException("from", "must not be after to");
        }
        return window;
    }

    private static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, FORMAT);
        }
    }
}
