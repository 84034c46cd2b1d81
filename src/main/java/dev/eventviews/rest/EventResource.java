package dev.eventviews.rest;

import java.net.URI;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.commands.Appended;
import dev.eventviews.commands.CustomerRequest;
import dev.eventviews.commands.EventLog;
import dev.eventviews.commands.GreetingRequest;
import dev.eventviews.commands.Ids;
import dev.eventviews.commands.OrderRequest;
import dev.eventviews.queries.ConsistencyToken;
import io.smallrye.mutiny.Uni;

/**
 * Writes: each request appends one event to the log and answers 202 Accepted once the broker has stored it. The
 * views catch up asynchronously; {@code Location} names the view entry that will reflect the event.
 */
@Path("/events")
@Tag(name = "events", description = "Append events to the log (the write model)")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private static final String BODY_REQUIRED = "a JSON body is required";

    @Inject
    EventLog eventLog;

    @POST
    @Path("/customers")
    @Operation(summary = "Create or replace a customer")
    public Uni<Response> saveCustomer(@NotNull(message = BODY_REQUIRED) @Valid CustomerRequest body) {
        return eventLog.saveCustomer(body).map(appended -> accepted(appended, "/store/customers/"));
    }

    @DELETE
    @Path("/customers/{customerId}")
    @Operation(summary = "Delete a customer (a tombstone); their orders leave the customer-orders view")
    public Uni<Response> deleteCustomer(@PathParam("customerId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId) {
        return eventLog.deleteCustomer(customerId).map(EventResource::accepted);
    }

    @POST
    @Path("/orders")
    @Operation(summary = "Place or replace an order")
    public Uni<Response> saveOrder(@NotNull(message = BODY_REQUIRED) @Valid OrderRequest body) {
        return eventLog.saveOrder(body).map(appended -> accepted(appended, "/store/orders/"));
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

    private static Response accepted(Appended appended, String viewPath) {
        return Response.accepted(appended).location(URI.create(viewPath + appended.key()))
                .header(ConsistencyToken.HEADER, appended.token()).build();
    }

    private static Response accepted(Appended appended) {
        return Response.accepted(appended).header(ConsistencyToken.HEADER, appended.token()).build();
    }
}
