package dev.eventviews.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the event topics are created when they are missing. */
@ConfigMapping(prefix = "eventviews.topics")
public interface TopicsConfig {

    /** Create missing event topics on start-up. Turn off where topics are managed elsewhere. */
    @WithDefault("true")
    boolean create();

    /** Partitions per event topic: the most instances that can share the work. */
    @WithDefault("6")
    int partitions();

    /** Replication factor; -1 takes the broker's default.replication.factor. */
    @WithDefault("-1")
    short replicationFactor();
}
