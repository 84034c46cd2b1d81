package dev.eventviews.history;

import java.util.List;

/**
 * One page of an entity's history in offset order. {@code next} is the offset to pass as {@code after} for the
 * following page; it is null on the last page.
 */
public record HistoryPage(List<HistoryEntry> entries, Long next) {
}
