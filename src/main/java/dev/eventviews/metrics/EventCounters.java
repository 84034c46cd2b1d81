package dev.eventviews.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.eventviews.write.BulkResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the events clients send, by type and outcome: {@code accepted} (202), {@code rejected} (4xx: the request
 * was wrong) or {@code failed} (5xx: the event log did not acknowledge it). It reads the responses of
 * {@code /events/...}, so the write path carries no metrics code. A bulk write counts each of its items with the
 * item's own outcome; a bulk write refused as a whole (no items, too many, a malformed array) counts once, as
 * rejected. Bodies over the size limit are refused before they reach the application and are not counted here (the
 * HTTP server metrics show them as 413).
 */
@Singleton
public class EventCounters {

    static final String NAME = "eventviews.events";
    private static final Map<String, String> TYPES_BY_PATH = Map.of(
            "customers", "customer",
            "orders", "order",
            "greetings", "greeting");
    private static final List<String> OUTCOMES = List.of("accepted", "rejected", "failed");

    private final Map<String, Counter> counters = new HashMap<>();

    // Every counter exists from the start, at zero, so that rates and alerts work before the first event.
    @Inject
    EventCounters(MeterRegistry registry) {
        for (String type : TYPES_BY_PATH.values()) {
            for (String outcome : OUTCOMES) {
                counters.put(type + outcome, Counter.builder(NAME)
                        .description("Events sent to /events, by type and outcome")
                        .tag("type", type)
                        .tag("outcome", outcome)
                        .register(registry));
            }
        }
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        // The raw path: decoding a malformed escape (a hostile id) would throw here, and the count would be lost.
        String[] path = request.getUriInfo().getRequestUri().getRawPath().split("/");
        boolean sendsEvent = "POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod());
        if (!sendsEvent || path.length < 3 || !"events".equals(path[1])) {
            return;
        }
        String type = TYPES_BY_PATH.get(path[2]);
        if (type == null) {
            return;
        }
        if (response.getEntity() instanceof BulkResult bulk) {
            bulk.items().forEach(item -> counters.get(type + outcome(item.status())).increment());
        } else {
            counters.get(type + outcome(response.getStatus())).increment();
        }
    }

    private static String outcome(int status) {
        if (status < 400) {
            return "accepted";
        }
        return status < 500 ? "rejected" : "failed";
    }
}
