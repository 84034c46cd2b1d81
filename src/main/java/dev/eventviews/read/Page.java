package dev.eventviews.read;

import java.util.List;

/**
 * One page of a view in key order. {@code next} is the cursor for the following page (pass it as
 * {@code ?after=}); it is null on the last page.
 */
public record Page<V>(List<V> items, String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
