package dev.eventviews.write;

/**
 * The event log cannot take a write now; the client should retry later. Title and detail are written for clients;
 * the message, which may quote a library, is for the log.
 */
public class EventLogUnavailableException extends RuntimeException {

    private final String title;
    private final String detail;

    /** The broker did not acknowledge the event in time. */
    public EventLogUnavailableException(Throwable cause) {
        this("Event log unavailable", "The event was not acknowledged by the event log in time; it may or may not"
                + " have been stored. Retry later with the same Idempotency-Key, or the same entity id",
                "The event log did not acknowledge the event: " + cause.getMessage(), cause);
    }

    public EventLogUnavailableException(String title, String detail, String message, Throwable cause) {
        super(message, cause);
        this.title = title;
        this.detail = detail;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
