package dev.eventviews.live;

/** One change to a view: the key and its new value, or a null value when the key has left the view. */
public record ViewChange(String key, Object value) {
}
