package dev.eventviews.checkout;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.http.Headers;
import dev.eventviews.write.Appended;
import dev.eventviews.write.EventLog;
import dev.eventviews.write.Ids;
import dev.eventviews.write.RequestBodies;
import io.smallrye.mutiny.Uni;

/**
 * The events a checkout depends on: products and their stock, and funds on customers' accounts. They are written
 * like every event (202 once stored, a consistency token, Idempotency-Key), and live here, next to the saga that
 * reads them, so that the checkout feature is found in one package; their paths sit under {@code /events} with the
 * other events (the customers' addresses are part of the customer event, {@code write.CustomerRequest}).
 */
@Path("/events")
@Tag(name = "events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StockAndFundsResource {

    @Inject
    EventLog eventLog;

    @POST
    @Path("/products")
    @Operation(summary = "Create or replace a product (name, price); its stock changes through /stock")
    public Uni<Response> saveProduct(@NotNull(message = RequestBodies.BODY_REQUIRED) @Valid ProductRequest body) {
        return eventLog.saveProduct(body.toEvent()).map(appended -> accepted(appended, "/store/products/"));
    }

    @POST
    @Path("/products/{productId}/stock")
    @Operation(summary = "Add (delta > 0) or remove (delta < 0) units on hand; a removal never takes reserved units")
    public Uni<Response> adjustStock(
            @PathParam("productId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
            @NotNull(message = RequestBodies.BODY_REQUIRED) @Valid StockRequest body) {
        return eventLog.adjustStock(body.toEvent(productId)).map(appended -> accepted(appended, "/store/products/"));
    }

    @POST
    @Path("/customers/{customerId}/deposits")
    @Operation(summary = "Add funds to a customer's account")
    public Uni<Response> deposit(
            @PathParam("customerId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
            @NotNull(message = RequestBodies.BODY_REQUIRED) @Valid DepositRequest body) {
        return eventLog.deposit(body.toEvent(customerId)).map(appended -> accepted(appended, "/store/accounts/"));
    }

    private static Response accepted(Appended appended, String viewPath) {
        return Response.accepted(appended).location(URI.create(viewPath + appended.key()))
                .header(Headers.CONSISTENCY_TOKEN, appended.token()).build();
    }
}
