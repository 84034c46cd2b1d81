package dev.eventviews.checkout;

import java.time.Instant;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.history.TimeParams;
import dev.eventviews.http.Headers;
import dev.eventviews.read.KeyAnswers;
import dev.eventviews.read.ListPart;
import dev.eventviews.read.Page;
import dev.eventviews.read.PageParams;
import dev.eventviews.read.ReadOptions;
import dev.eventviews.read.ReadParams;
import dev.eventviews.read.ViewReads;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.topology.Catalog;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * The checkout's views: products with their stock, accounts, and checkouts, read like every view through
 * {@link ViewReads} (any instance answers, lists page and cover every partition, consistency tokens). A checkout
 * can also be long-polled until it ends ({@link CheckoutWaits}).
 * <p>
 * {@code available} (of a product, of an account) is derived when the answer is made. A list's local part, which one
 * instance asks of another ({@code ?scope=local}) to merge the pages, is the stored values as they are: the asking
 * instance reads them as such, and maps the merged page.
 */
@Path("/store")
@Tag(name = "views")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutViewsResource {

    static final String CHECKOUTS_PATH = "/store/checkouts/";

    @Inject
    ViewReads reads;

    @Inject
    CheckoutWaits waits;

    @Context
    UriInfo uri;

    @GET
    @Path("/products")
    @Operation(summary = "List products with their stock: onHand, reserved, available")
    @APIResponseSchema(Page.class)
    public Response products(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.PRODUCTS_VIEW, page, read, ProductView::of);
    }

    @GET
    @Path("/products/{productId}")
    @Operation(summary = "Get one product with its stock: onHand, reserved, available, price, last adjustment; with "
            + "asOf, the product's name and price as they were then (stock figures are not versioned)")
    @APIResponseSchema(ProductView.class)
    public Response product(@PathParam("productId") String productId, @Valid @BeanParam ReadParams read,
            @QueryParam("asOf") String asOf) {
        ReadOptions options = read.options();
        Instant at = TimeParams.asOf(asOf, options);
        if (at != null) {
            return KeyAnswers.of(reads.asOf(Catalog.PRODUCT_HISTORY, productId, at, options, uri.getRequestUri()),
                    () -> "No product had the key '" + productId + "' at " + at);
        }
        return find(Catalog.PRODUCTS_VIEW, productId, read, ProductView::of);
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "List accounts: balance, held, available (cents)")
    @APIResponseSchema(Page.class)
    public Response accounts(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.ACCOUNTS_VIEW, page, read, AccountView::of);
    }

    @GET
    @Path("/accounts/{customerId}")
    @Operation(summary = "Get one customer's account: balance, held, available (cents)")
    @APIResponseSchema(AccountView.class)
    public Response account(@PathParam("customerId") String customerId, @Valid @BeanParam ReadParams read) {
        return find(Catalog.ACCOUNTS_VIEW, customerId, read, AccountView::of);
    }

    @GET
    @Path("/checkouts")
    @Operation(summary = "List checkouts with their state")
    @APIResponseSchema(Page.class)
    public Response checkouts(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.CHECKOUTS_VIEW, page, read, Function.identity());
    }

    @GET
    @Path("/checkouts/{orderId}")
    @Blocking
    @Operation(summary = "Get one checkout: state, lines with prices, amount, reason, history. With "
            + "?waitFor=terminal&waitMs=, waits up to waitMs until it is COMPLETED or REJECTED, then answers its "
            + "state as it is")
    @APIResponseSchema(Checkout.class)
    public Uni<Response> checkout(@PathParam("orderId") String orderId,
            @QueryParam("waitFor") @Pattern(regexp = "terminal", message = "must be 'terminal'") String waitFor,
            @Valid @BeanParam ReadParams read) {
        ReadOptions options = read.options();
        if (waitFor == null) {
            return Uni.createFrom().item(find(Catalog.CHECKOUTS_VIEW, orderId, read, Function.identity()));
        }
        return waits.untilEnded(orderId, options, uri.getRequestUri())
                .map(lookup -> KeyAnswers.of(lookup, () -> KeyAnswers.missing(Catalog.CHECKOUTS_VIEW.name(), orderId)));
    }

    private <V> Response find(View<V> view, String key, ReadParams read, Function<V, ?> shown) {
        return KeyAnswers.of(reads.find(view, key, read.options(), uri.getRequestUri()), shown,
                () -> KeyAnswers.missing(view.name(), key));
    }

    private <V> Response list(View<V> view, PageParams page, ReadParams read, Function<V, ?> shown) {
        ReadOptions options = read.options();
        ListPart<V> part = reads.list(view, page.after(), page.limit(), options, uri.getRequestUri());
        if (options.localOnly()) {
            return Response.ok(part.page()).header(Headers.COVERED_PARTITIONS, part.partitionList()).build();
        }
        Page<V> merged = part.page();
        return Response.ok(new Page<>(merged.items().stream().map(shown).toList(), merged.next())).build();
    }
}
