package dev.eventviews.commands;

/**
 * The event's schema could not be registered or looked up, so the event could not be serialized and was not sent.
 * Writes whose schema the serializer has already cached are not affected.
 */
public class SchemaRegistryUnavailableException extends EventLogUnavailableException {

    public SchemaRegistryUnavailableException(Throwable cause) {
        super("Schema registry unavailable", "The event's schema could not be looked up in the schema registry;"
                + " nothing was stored. Retry later", "Cannot serialize an event: " + cause.getMessage(), cause);
    }
}
