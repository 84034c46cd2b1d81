package dev.eventviews.history;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.read.KeyAnswers;
import dev.eventviews.read.Page;
import dev.eventviews.read.ReadParams;
import dev.eventviews.read.ViewReads;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.History;

/**
 * The history of one entity: its events in log order, from the history index (never a scan of the topic). It shares
 * {@code /events} with the writes ({@code write.EventResource}): the same paths, answering GET.
 */
@Path("/events")
@Tag(name = "history", description = "The events of one entity, and its state at any instant")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    @Inject
    ViewReads reads;

    @Context
    UriInfo uri;

    @GET
    @Path("/customers/{customerId}")
    @Operation(summary = "Every event of one customer, in log order")
    @APIResponseSchema(Page.class)
    public Response customerHistory(@PathParam("customerId") String customerId,
            @Valid @BeanParam HistoryParams history, @Valid @BeanParam ReadParams read) {
        return events(Catalog.CUSTOMER_HISTORY, customerId, history, read);
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(summary = "Every event of one order, in log order")
    @APIResponseSchema(Page.class)
    public Response orderHistory(@PathParam("orderId") String orderId, @Valid @BeanParam HistoryParams history,
            @Valid @BeanParam ReadParams read) {
        return events(Catalog.ORDER_HISTORY, orderId, history, read);
    }

    @GET
    @Path("/products/{productId}")
    @Operation(summary = "Every event of one product (name, price), in log order; its stock changes are not in it")
    @APIResponseSchema(Page.class)
    public Response productHistory(@PathParam("productId") String productId, @Valid @BeanParam HistoryParams history,
            @Valid @BeanParam ReadParams read) {
        return events(Catalog.PRODUCT_HISTORY, productId, history, read);
    }

    /** An entity without events has an empty history (a 200), like a list with nothing in it. */
    private <V extends SpecificRecord> Response events(History<V> entity, String id, HistoryParams history,
            ReadParams read) {
        return KeyAnswers.of(reads.events(entity, history.query(id), read.options(), uri.getRequestUri()),
                () -> "No history of '" + id + "'");
    }
}
