package dev.eventviews.history;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.read.KeyAnswers;
import dev.eventviews.read.ReadParams;
import dev.eventviews.read.ViewReads;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.History;

/**
 * The versions of one entity: each state it had within a time window, with when it held ({@code validFrom},
 * {@code validTo}). It shares {@code /store} with the view reads ({@code read.ViewResource}), where
 * {@code ?asOf=} reads one version.
 */
@Path("/store")
@Tag(name = "history", description = "The events of one entity, and its state at any instant")
@Produces(MediaType.APPLICATION_JSON)
public class VersionsResource {

    @Inject
    ViewReads reads;

    @Context
    UriInfo uri;

    @GET
    @Path("/customers/{customerId}/versions")
    @Operation(summary = "The versions of one customer between from and to, oldest first")
    public Response customerVersions(@PathParam("customerId") String customerId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam ReadParams read) {
        return versions(Catalog.CUSTOMER_HISTORY, customerId, from, to, read);
    }

    @GET
    @Path("/orders/{orderId}/versions")
    @Operation(summary = "The versions of one order between from and to, oldest first")
    public Response orderVersions(@PathParam("orderId") String orderId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam ReadParams read) {
        return versions(Catalog.ORDER_HISTORY, orderId, from, to, read);
    }

    @GET
    @Path("/products/{productId}/versions")
    @Operation(summary = "The versions of one product (name, price) between from and to, oldest first; stock "
            + "figures are not versioned")
    public Response productVersions(@PathParam("productId") String productId, @QueryParam("from") String from,
            @QueryParam("to") String to, @Valid @BeanParam ReadParams read) {
        return versions(Catalog.PRODUCT_HISTORY, productId, from, to, read);
    }

    /** An entity without versions in the window has an empty list (a 200). */
    private <V> Response versions(History<V> entity, String id, String from, String to, ReadParams read) {
        TimeParams.Window window = TimeParams.window(from, to);
        return KeyAnswers.of(reads.versions(entity, id, window.from(), window.to(), read.options(),
                uri.getRequestUri()), () -> "No versions of '" + id + "'");
    }
}
