package dev.eventviews.write;

import static dev.eventviews.write.CallersContext.emitOnCallersContext;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.eventviews.http.Headers;
import io.smallrye.mutiny.Uni;

/**
 * Writes: each request appends one event to the log and answers 202 Accepted once the broker has stored it. The
 * views catch up asynchronously; {@code Location} names the view entry that will reflect the event.
 * <p>
 * Customers and orders can also be written in bulk, as a JSON array or NDJSON: every item is validated on its own,
 * the valid ones are appended together, and the answer (202, or 207 when some item failed) comes once every event
 * has been acknowledged.
 * A JSON array and a single object share a path and a media type, so one method reads the body and tells them apart.
 */
@Path("/events")
@Tag(name = "events", description = "Append events to the log (the write model)")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** Newline-delimited JSON: one event per line. */
    public static final String NDJSON = "application/x-ndjson";
    private static final String BODY_REQUIRED = RequestBodies.BODY_REQUIRED;

    @Inject
    EventLog eventLog;

    @Inject
    RequestBodies bodies;

    @POST
    @Path("/customers")
    @Operation(summary = "Create or replace a customer, or many (a JSON array)")
    @RequestBody(content = @Content(schema = @Schema(oneOf = { CustomerRequest.class, CustomerRequest[].class })))
    public Uni<Response> saveCustomers(@NotNull(message = BODY_REQUIRED) JsonNode body) throws JsonProcessingException {
        if (body.isArray()) {
            return bulk(bodies.elements(body, CustomerRequest.class), eventLog::saveCustomers);
        }
        return eventLog.saveCustomer(bodies.one(body, CustomerRequest.class))
                .map(appended -> accepted(appended, "/store/customers/"));
    }

    @POST
    @Path("/customers")
    @Consumes(NDJSON)
    @Operation(summary = "Create or replace many customers, one JSON object per line")
    public Uni<Response> saveCustomerLines(@NotNull(message = BODY_REQUIRED) String body) {
        return bulk(bodies.lines(body, CustomerRequest.class), eventLog::saveCustomers);
    }

    @DELETE
    @Path("/customers/{customerId}")
    @Operation(summary = "Delete a customer (a tombstone); their orders leave the customer-orders view")
    public Uni<Response> deleteCustomer(@PathParam("customerId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId) {
        return eventLog.deleteCustomer(customerId).map(EventResource::accepted);
    }

    @POST
    @Path("/orders")
    @Operation(summary = "Place or replace an order, or many (a JSON array)")
    @RequestBody(content = @Content(schema = @Schema(oneOf = { OrderRequest.class, OrderRequest[].class })))
    public Uni<Response> saveOrders(@NotNull(message = BODY_REQUIRED) JsonNode body) throws JsonProcessingException {
        if (body.isArray()) {
            return bulk(bodies.elements(body, OrderRequest.class), eventLog::saveOrders);
        }
        return eventLog.saveOrder(bodies.one(body, OrderRequest.class))
                .map(appended -> accepted(appended, "/store/orders/"));
    }

    @POST
    @Path("/orders")
    @Consumes(NDJSON)
    @Operation(summary = "Place or replace many orders, one JSON object per line")
    public Uni<Response> saveOrderLines(@NotNull(message = BODY_REQUIRED) String body) {
        return bulk(bodies.lines(body, OrderRequest.class), eventLog::saveOrders);
    }

    @DELETE
    @Path("/orders/{orderId}")
    @Operation(summary = "Delete an order (a tombstone)")
    public Uni<Response> deleteOrder(@PathParam("orderId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String orderId) {
        return eventLog.deleteOrder(orderId).map(EventResource::accepted);
    }

    @POST
    @Path("/greetings")
    @Operation(summary = "Say hello; every greeting gets its own time-ordered id")
    public Uni<Response> saveGreeting(@NotNull(message = BODY_REQUIRED) @Valid GreetingRequest body) {
        return eventLog.saveGreeting(body).map(appended -> accepted(appended, "/store/greetings/"));
    }

    /** Appends the valid items together (the producer batches them) and answers once every one is settled. */
    private <T> Uni<Response> bulk(List<RequestBodies.Item<T>> items,
            Function<List<T>, Uni<List<CompletableFuture<Appended>>>> appendAll) {
        return appendAll.apply(items.stream().filter(item -> item.rejection() == null)
                .map(RequestBodies.Item::request).toList())
                .flatMap(acknowledgements -> {
                    Iterator<CompletableFuture<Appended>> appended = acknowledgements.iterator();
                    List<CompletableFuture<ItemResult>> results = items.stream()
                            .map(item -> item.rejection() != null ? CompletableFuture.completedFuture(item.rejection())
                                    : appended.next().handle(EventResource::itemResult))
                            .toList();
                    // The batch deadline may fail the last items on a worker that shares this request's context
                    // (CallersContext).
                    return emitOnCallersContext(Uni.createFrom().completionStage(
                            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))))
                            .map(settled -> BulkResult.of(results.stream().map(CompletableFuture::join).toList()));
                })
                .map(BulkResult::toResponse);
    }

    /** An item the event log could not take is reported as such; anything else is a fault, and fails the request. */
    private static ItemResult itemResult(Appended appended, Throwable failure) {
        if (failure == null) {
            return ItemResult.accepted(appended);
        }
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof EventLogUnavailableException) {
            return ItemResult.unavailable();
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    private static Response accepted(Appended appended, String viewPath) {
        return Response.accepted(appended).location(URI.create(viewPath + appended.key()))
                .header(Headers.CONSISTENCY_TOKEN, appended.token()).build();
    }

    private static Response accepted(Appended appended) {
        return Response.accepted(appended).header(Headers.CONSISTENCY_TOKEN, appended.token()).build();
    }
}
