package dev.eventviews.checkout;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.http.Headers;
import dev.eventviews.write.EventLog;
import dev.eventviews.write.RequestBodies;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /checkout}: asks for a checkout, which the saga ({@link CheckoutSteps}) then runs. The answer (202)
 * comes once the request is in the log, before any step ran; the checkout's state is read, or long-polled, at its
 * {@code Location}. A request that cannot be run (bad ids, quantities, lines) is a 400; one that the stock, the
 * account or the customer refuses is a REJECTED checkout, with its reason.
 * <p>
 * With an {@code Idempotency-Key}, a retry gets the first answer again and never starts a second checkout: without
 * an orderId in the body, the orderId is derived from the key, and the saga ignores a request for an orderId it
 * knows.
 * <p>
 * The checkout's other endpoints are in this package too: the events it depends on
 * ({@link StockAndFundsResource}) and its views ({@link CheckoutViewsResource}).
 */
@Path("/checkout")
@Tag(name = "checkout", description = "Buy products: a saga that reserves stock, holds payment and verifies the "
        + "customer, or rolls back")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    @Inject
    EventLog eventLog;

    @POST
    @Operation(summary = "Start a checkout (202); follow it at Location, e.g. with ?waitFor=terminal&waitMs=10000")
    @APIResponseSchema(value = CheckoutAccepted.class, responseCode = "202")
    public Uni<Response> checkout(@NotNull(message = RequestBodies.BODY_REQUIRED) @Valid CheckoutRequest body) {
        return eventLog.requestCheckout(body, body::toEvent).map(appended -> {
            CheckoutAccepted accepted = CheckoutAccepted.of(appended);
            return Response.accepted(accepted).location(URI.create(accepted.location()))
                    .header(Headers.CONSISTENCY_TOKEN, accepted.token()).build();
        });
    }
}
