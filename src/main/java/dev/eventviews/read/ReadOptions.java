package dev.eventviews.read;

import java.time.Duration;

/**
 * How a read may be answered: {@code token} (nullable) asks for read-your-writes; {@code waitForKey} lets a key
 * read long-poll for a key that does not exist yet; {@code localOnly} restricts it to this instance's stores.
 */
public record ReadOptions(ConsistencyToken token, Duration waitForKey, boolean localOnly) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, Duration.ZERO, false);
}
