package dev.eventviews.read;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on how long reads wait. */
@ConfigMapping(prefix = "eventviews.query")
public interface QueryConfig {

    /** The longest a read with a consistency token waits for the view before answering 504. */
    @WithDefault("10s")
    Duration consistencyTimeout();

    /** Timeout of a read forwarded to another instance (added to the read's own wait). */
    @WithDefault("5s")
    Duration forwardTimeout();
}
