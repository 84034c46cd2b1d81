package dev.eventviews.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.queries.Instance;
import dev.eventviews.queries.Page;
import dev.eventviews.queries.ViewQueries;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import dev.eventviews.views.CustomerOrder;
import dev.eventviews.views.CustomerOrders;

/** Reads: interactive queries against the materialized views (the read model). Lists are in key order. */
@Path("/store")
@Tag(name = "views", description = "Query the materialized views (the read model)")
@Produces(MediaType.APPLICATION_JSON)
public class ViewResource {

    @Inject
    ViewQueries queries;

    @GET
    @Path("/customers")
    @Operation(summary = "List customers")
    public Page<Customer> customers(@Valid @BeanParam PageParams page) {
        return queries.list(Catalog.CUSTOMERS_VIEW, page.after, page.limit());
    }

    @GET
    @Path("/customers/{customerId}")
    @Operation(summary = "Get one customer")
    public Customer customer(@PathParam("customerId") String customerId) {
        return find(Catalog.CUSTOMERS_VIEW, customerId);
    }

    @GET
    @Path("/orders")
    @Operation(summary = "List orders")
    public Page<Order> orders(@Valid @BeanParam PageParams page) {
        return queries.list(Catalog.ORDERS_VIEW, page.after, page.limit());
    }

    @GET
    @Path("/orders/{orderId}")
    @Operation(summary = "Get one order")
    public Order order(@PathParam("orderId") String orderId) {
        return find(Catalog.ORDERS_VIEW, orderId);
    }

    @GET
    @Path("/customer-orders")
    @Operation(summary = "List customers, each with all of their current orders")
    public Page<CustomerOrders> customerOrders(@Valid @BeanParam PageParams page) {
        return queries.list(Catalog.CUSTOMER_ORDERS_VIEW, page.after, page.limit());
    }

    @GET
    @Path("/customer-orders/{customerId}")
    @Operation(summary = "Get one customer with all of their current orders")
    public CustomerOrders customerOrders(@PathParam("customerId") String customerId) {
        return find(Catalog.CUSTOMER_ORDERS_VIEW, customerId);
    }

    @GET
    @Path("/customer-order/all")
    @Operation(summary = "List orders, each with its customer (the original demo's URL), keyed by orderId")
    public Page<CustomerOrder> customerOrderRows(@Valid @BeanParam PageParams page) {
        return queries.list(Catalog.CUSTOMER_ORDER_VIEW, page.after, page.limit());
    }

    @GET
    @Path("/greetings")
    @Operation(summary = "List greetings, oldest first")
    public Page<Greeting> greetings(@Valid @BeanParam PageParams page) {
        return queries.list(Catalog.GREETINGS_VIEW, page.after, page.limit());
    }

    @GET
    @Path("/greetings/{id}")
    @Operation(summary = "Get one greeting")
    public Greeting greeting(@PathParam("id") String id) {
        return find(Catalog.GREETINGS_VIEW, id);
    }

    @GET
    @Path("/instances")
    @Operation(summary = "The running instances and the stores and partitions each one holds")
    public List<Instance> instances() {
        return queries.instances();
    }

    @GET
    @Path("/instances/{storeName}")
    @Operation(summary = "The instances that hold a store")
    public List<Instance> instances(@PathParam("storeName") String storeName) {
        return queries.instances(storeName)
                .orElseThrow(() -> new NotFoundException("There is no store named '" + storeName + "'"));
    }

    private <V> V find(View<V> view, String key) {
        return queries.find(view, key)
                .orElseThrow(() -> new NotFoundException("No " + view.name() + " entry has the key '" + key + "'"));
    }
}
