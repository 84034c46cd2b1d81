package dev.eventviews.registry;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Tells the schema registry's part in a serde failure: the serde could not reach it, or it refused a request. */
public final class SchemaRegistryFailures {

    private SchemaRegistryFailures() {
    }

    /**
     * The registry could not be reached (no connection, a broken or timed-out one): a later attempt may succeed.
     * A record that is wrong in itself (no Avro, an unknown schema id) fails otherwise: the registry answered.
     */
    public static boolean unreachable(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof IOException || cause instanceof TimeoutException);
    }

    /** The registry was unreachable, or answered with an error (its client's exceptions). */
    public static boolean involved(Throwable failure) {
        return unreachable(failure)
                || anyCause(failure, cause -> cause.getClass().getName().startsWith("io.apicurio."));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
