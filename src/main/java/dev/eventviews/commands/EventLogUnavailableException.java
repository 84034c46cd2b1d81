package dev.eventviews.commands;

/** The broker (or the schema registry the serializer needs) did not acknowledge an event in time. */
public class EventLogUnavailableException extends RuntimeException {

    public EventLogUnavailableException(Throwable cause) {
        super("The event log did not acknowledge the event: " + cause.getMessage(), cause);
    }
}
