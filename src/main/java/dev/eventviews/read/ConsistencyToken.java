package dev.eventviews.read;

/**
 * Where a write landed (topic, partition, offset), as handed to the client in every write response. A read that
 * presents it waits until the view has processed at least that offset: read-your-writes across instances.
 */
public record ConsistencyToken(String topic, int partition, long offset) {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,249}:[0-9]{1,9}:[0-9]{1,18}";

    /** Parses {@code topic:partition:offset}; the text has been checked against {@link #PATTERN}. */
    public static ConsistencyToken parse(String text) {
        int offsetSeparator = text.lastIndexOf(':');
        int partitionSeparator = text.lastIndexOf(':', offsetSeparator - 1);
        return new ConsistencyToken(text.substring(0, partitionSeparator),
                Integer.parseInt(text.substring(partitionSeparator + 1, offsetSeparator)),
                Long.parseLong(text.substring(offsetSeparator + 1)));
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
