package dev.eventviews.write;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the broker stored an accepted event: the answer to every write. */
public record Appended(String key, String topic, int partition, long offset) {

    /**
     * The consistency token a client presents to read its own write from any instance (see
     * {@code dev.eventviews.read.ConsistencyToken}).
     */
    @JsonProperty("token")
    public String token() {
        return topic + ":" + partition + ":" + offset;
    }
}
