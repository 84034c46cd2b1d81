package dev.eventviews.read;

import java.time.Duration;

/** A view did not reach the position a consistency token asked for within the configured time. */
public class ConsistencyTimeoutException extends RuntimeException {

    public ConsistencyTimeoutException(String view, ConsistencyToken token, Duration timeout) {
        super("The " + view + " view had not processed " + token + " within " + timeout.toMillis() + " ms");
    }
}
