package dev.eventviews.write;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * The answer to a bulk write: one result per item, in the order of the request. 202 when every item was accepted,
 * otherwise 207 Multi-Status, and each item says what became of it.
 */
public record BulkResult(int accepted, int failed, List<ItemResult> items) {

    static final int MULTI_STATUS = 207;

    static BulkResult of(List<ItemResult> items) {
        int accepted = (int) items.stream().filter(ItemResult::isAccepted).count();
        return new BulkResult(accepted, items.size() - accepted, items);
    }

    Response toResponse() {
        return Response.status(failed == 0 ? Response.Status.ACCEPTED.getStatusCode() : MULTI_STATUS).entity(this)
                .build();
    }
}
