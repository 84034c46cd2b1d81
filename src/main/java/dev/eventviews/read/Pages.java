package dev.eventviews.read;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/** Merges the pages that several instances return for the same list request into one page in key order. */
public final class Pages {

    /** The order of the stores' serialized keys (UTF-8 bytes), which is not String's order for every character. */
    public static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8),
            b.getBytes(UTF_8));

    private Pages() {
    }

    /**
     * Each input page holds the smallest keys after the same cursor among one instance's partitions, so the
     * smallest {@code limit} keys of their union are exactly the next page of the whole view: no gaps, and no
     * duplicates because every partition is active on one instance only.
     */
    public static <V> Page<V> merge(List<Page<V>> pages, Function<V, String> keyOf, int limit) {
        TreeMap<String, V> merged = new TreeMap<>(STORE_ORDER);
        boolean more = false;
        for (Page<V> page : pages) {
            page.items().forEach(item -> merged.put(keyOf.apply(item), item));
            more |= page.next() != null;
        }
        List<V> items = merged.values().stream().limit(limit).toList();
        boolean truncated = merged.size() > limit;
        String next = (more || truncated) && !items.isEmpty() ? keyOf.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }
}
