package dev.eventviews.commands;

/** Where the broker stored an accepted event: the answer to every write. */
public record Appended(String key, String topic, int partition, long offset) {
}
