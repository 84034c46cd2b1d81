package dev.eventviews.write;

/** The shape of an entity id: safe in a URL path, a Kafka key and a log line without escaping. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9._~-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_', '~' or '-'";

    private Ids() {
    }
}
