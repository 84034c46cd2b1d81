package dev.eventviews.topology;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure to reach the schema registry (the serde could not connect, or the connection broke or timed out)
 * from a record that is wrong in itself (no Avro, an unknown schema id), which the registry answered.
 */
public final class SchemaRegistryOutage {

    private SchemaRegistryOutage() {
    }

    public static boolean caused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
