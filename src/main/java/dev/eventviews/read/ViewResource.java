package dev.eventviews.read;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.jboss.resteasy.reactive.RestResponse;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.history.TimeParams;
import dev.eventviews.http.Headers;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrder;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrdersPage;
import dev.eventviews.write.Ids;

/**
 * Reads of the materialized views (the read model), answered by any instance: this maps HTTP (path, query
 * parameters, headers) to {@link ViewReads}, which decides where each read is answered, and its results back.
 */
@Path("/store")
@Tag(name = "views", description = "Query the materialized views (the read model)")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    /**
     * Every key read takes {@code ?asOf=}, so that a view without versions refuses it (400) rather than ignore it
     * and answer with the current entry.
     */
    private static final String AS_OF = "asOf";
    /**
     * A cursor of the customer-order view: a row key, {@code <customerId>,<orderId>}, or {@code <customerId>,} (just
     * before the customer's first order). The customer-orders reads take their {@code after} checked, as an id or a
     * row key; {@link PageParams} reads it too, as any string, which is a fine cursor for the other views.
     */
    private static final String ROW_KEY = Ids.PATTERN + ",(" + Ids.PATTERN + ")?";

    @Inject
    ViewReads reads;

    @Inject
    CustomerOrdersReads customerOrders;

    @Context
    UriInfo uri;

    @GET
    @Path("/customers")
    @Operation(summary = "List customers")
    @APIResponseSchema(Page.class)
    public RestResponse<Page<Customer>> customers(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.CUSTOMERS_VIEW, page, read);
    }

    @GET
    @Path("/customers/{customerId}")
    @Operation(summary = "Get one customer, as it is or, with asOf, as it was then")
    @APIResponseSchema(Customer.class)
    public Response customer(@PathParam("customerId") String customerId, @Valid @BeanParam ReadParams read,
            @QueryParam(AS_OF) String asOf) {
        return find(Catalog.CUSTOMERS_VIEW, customerId, read, asOf);
    }

    @GET
    @Path("/orders")
    @Operation(summary = "List orders")
    @APIResponseSchema(Page.class)
    public RestResponse<Page<Order>> orders(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.ORDERS_VIEW, page, read);
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(summary = "Get one order, as it is or, with asOf, as it was then")
    @APIResponseSchema(Order.class)
    public Response order(@PathParam("orderId") String orderId, @Valid @BeanParam ReadParams read,
            @QueryParam(AS_OF) String asOf) {
        return find(Catalog.ORDERS_VIEW, orderId, read, asOf);
    }

    @GET
    @Path("/customer-orders")
    @Operation(summary = "List customers that have orders, each with their first orders (?orders=, default "
            + CustomerOrdersReads.DEFAULT_ORDERS + ") and where to read more of them")
    @APIResponseSchema(Page.class)
    public RestResponse<Page<CustomerOrdersPage>> customerOrders(
            @QueryParam("after") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String after,
            @QueryParam("orders") @DefaultValue("" + CustomerOrdersReads.DEFAULT_ORDERS)
            @Pattern(regexp = "0*([1-9][0-9]?|100)", message = "must be a whole number from 1 to "
                    + CustomerOrdersReads.MAX_ORDERS) String orders,
            @Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        ReadOptions options = read.options();
        return list(customerOrders.customers(after, page.limit(), Integer.parseInt(orders), options,
                uri.getRequestUri()), options);
    }

    @GET
    @Path("/customer-orders/{customerId}")
    @Operation(summary = "Get one customer with a page of their orders (after an orderId, in orderId order); with "
            + "asOf, as they were then, and which versions of the customer and of the orders that combined")
    @APIResponseSchema(CustomerOrdersPage.class)
    public Response customerWithOrders(
            @PathParam("customerId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
            @QueryParam("after") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String after,
            @QueryParam(AS_OF) String asOf, @Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        Instant at = TimeParams.asOf(asOf, read.options());
        if (at != null) {
            return KeyAnswers.of(reads.customerOrdersAsOf(customerId, at, after, page.limit(), read.options(),
                    uri.getRequestUri()), () -> "No customer-orders entry had the key '" + customerId + "' at " + at);
        }
        return KeyAnswers.of(customerOrders.customer(customerId, after, page.limit(), read.options(),
                uri.getRequestUri()), () -> "Customer '" + customerId + "' has no orders, or is not known");
    }

    @GET
    @Path("/customer-order/all")
    @Operation(summary = "List orders, each with its customer (the original demo's URL), by customer then order")
    @APIResponseSchema(Page.class)
    public RestResponse<Page<CustomerOrder>> customerOrderRows(
            @QueryParam("after") @Pattern(regexp = ROW_KEY, message = "must be <customerId>,<orderId> (the next "
                    + "of a page) or <customerId>, (before the customer's orders)") String after,
            @Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        ReadOptions options = read.options();
        return list(customerOrders.orders(after, page.limit(), options, uri.getRequestUri()), options);
    }

    @GET
    @Path("/greetings")
    @Operation(summary = "List greetings, oldest first")
    @APIResponseSchema(Page.class)
    public RestResponse<Page<Greeting>> greetings(@Valid @BeanParam PageParams page, @Valid @BeanParam ReadParams read) {
        return list(Catalog.GREETINGS_VIEW, page, read);
    }

    @GET
    @Path("/greetings/{id}")
    @Operation(summary = "Get one greeting")
    @APIResponseSchema(Greeting.class)
    public Response greeting(@PathParam("id") String id, @Valid @BeanParam ReadParams read,
            @QueryParam(AS_OF) String asOf) {
        return find(Catalog.GREETINGS_VIEW, id, read, asOf);
    }

    @GET
    @Path("/instances")
    @Operation(summary = "The running instances: stores and partitions each one holds, and their lag")
    public List<Instance> instances(@Valid @BeanParam ReadParams read) {
        return reads.instances(read.options(), uri.getRequestUri());
    }

    @GET
    @Path("/instances/{storeName}")
    @Operation(summary = "The instances that hold a store")
    public List<Instance> instances(@PathParam("storeName") String storeName, @Valid @BeanParam ReadParams read) {
        if (!reads.isView(storeName)) {
            throw new NotFoundException("There is no store named '" + storeName + "'");
        }
        return instances(read).stream().filter(instance -> instance.stores().contains(storeName)
                || instance.standbyStores().contains(storeName)).toList();
    }

    /** The entry as it is now, or with {@code ?asOf=} as it was then (see {@link ViewReads#asOf}). */
    private <V> Response find(View<V> view, String key, ReadParams read, String asOfParam) {
        ReadOptions options = read.options();
        Instant asOf = TimeParams.asOf(asOfParam, options);
        if (asOf == null) {
            return KeyAnswers.of(reads.find(view, key, options, uri.getRequestUri()),
                    () -> KeyAnswers.missing(view.name(), key));
        }
        return KeyAnswers.of(reads.asOf(view, key, asOf, options, uri.getRequestUri()),
                () -> "No " + view.name() + " entry had the key '" + key + "' at " + asOf);
    }

    private <V> RestResponse<Page<V>> list(View<V> view, PageParams page, ReadParams read) {
        ReadOptions options = read.options();
        return list(reads.list(view, page.after, page.limit(), options, uri.getRequestUri()), options);
    }

    /** With local scope, the peer that asked learns which partitions the page covers. */
    private static <T> RestResponse<Page<T>> list(ListPart<T> part, ReadOptions options) {
        RestResponse.ResponseBuilder<Page<T>> response = RestResponse.ResponseBuilder.ok(part.page());
        if (options.localOnly()) {
            response.header(Headers.COVERED_PARTITIONS, part.partitionList());
        }
        return response.build();
    }
}
