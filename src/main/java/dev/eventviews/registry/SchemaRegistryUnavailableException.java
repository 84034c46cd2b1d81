package dev.eventviews.registry;

import dev.eventviews.write.EventLogUnavailableException;

/**
 * A schema could not be registered or looked up in the registry (for the event, or for a stored first answer),
 * so nothing was sent. Writes whose schemas are already cached do not ask the registry.
 */
public class SchemaRegistryUnavailableException extends EventLogUnavailableException {

    public SchemaRegistryUnavailableException(Throwable cause) {
        super("Schema registry unavailable", "A schema could not be looked up in the schema registry; nothing was"
                + " stored. Retry later", "The schema registry failed a write: " + cause.getMessage(), cause);
    }
}
