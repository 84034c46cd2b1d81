package dev.eventviews.topology;

import static dev.eventviews.topology.Catalog.CUSTOMERS_VIEW;
import static dev.eventviews.topology.Catalog.GREETINGS_VIEW;
import static dev.eventviews.topology.Catalog.ORDERS_VIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.topology.CustomerOrdersReader.CustomerOrder;
import dev.eventviews.topology.ViewsDriver.CustomerOrders;

class ViewsTopologyTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    @TempDir(factory = MemoryTempDir.class)
    Path stateDir;

    private ViewsDriver views;
    private TestInputTopic<String, Customer> customers;
    private TestInputTopic<String, Order> orders;
    private TestInputTopic<String, Greeting> greetings;

    @BeforeEach
    void startDriver() {
        views = new ViewsDriver(stateDir);
        customers = views.customers;
        orders = views.orders;
        greetings = views.greetings;
    }

    @AfterEach
    void closeDriver() {
        views.close();
    }

    // ---- 1. order before customer -------------------------------------------------------------------------

    @Test
    void shouldShowOrderThatArrivedBeforeItsCustomerOnceTheCustomerArrives() {
        // given an order whose customer does not exist yet
        Order order = order("o-1", "c-1", "book");
        orders.pipeInput(order.getOrderId(), order);

        // then only the orders view has it
        assertEquals(Map.of("o-1", order), contents(ORDERS_VIEW.name()));
        assertEquals(List.of(), views.customerOrder());
        assertEquals(Map.of(), views.customerOrders());

        // when the customer arrives
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        customers.pipeInput(ada.getCustomerId(), ada);

        // then the order shows up next to its customer
        assertEquals(List.of(new CustomerOrder(ada, order)), views.customerOrder());
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(order))), views.customerOrders());
    }

    // ---- 2. customer update ---------------------------------------------------------------------------------

    @Test
    void shouldCarryCustomerUpdateToEveryExistingOrder() {
        // given a customer with two orders
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        customers.pipeInput("c-1", ada);
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", o2);

        views.producedRecords();

        // when the customer changes name and email
        Customer renamed = customer("c-1", "Augusta", "augusta@example.com");
        customers.pipeInput("c-1", renamed);

        // then the customer's own store changes (its history too), and none of the orders' rows
        assertEquals(Set.of(ViewsDriver.APPLICATION_ID + "-customers-changelog"),
                views.producedRecords().keySet().stream().filter(topic -> !topic.contains("-history")
                        && !topic.contains("-versions")).collect(Collectors.toSet()));

        // and the view shows the new customer next to every order
        assertEquals(Map.of("c-1", renamed), contents(CUSTOMERS_VIEW.name()));
        assertEquals(List.of(
                new CustomerOrder(renamed, o1),
                new CustomerOrder(renamed, o2)), views.customerOrder());
        assertEquals(Map.of("c-1", new CustomerOrders(renamed, List.of(o1, o2))),
                views.customerOrders());
    }

    // ---- 3. order moved to another customer -----------------------------------------------------------------

    @Test
    void shouldMoveOrderToNewCustomerAndDropOldCustomerLeftWithoutOrders() {
        // given two customers with one order each
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Customer bob = customer("c-2", "Bob", "bob@example.com");
        customers.pipeInput("c-1", ada);
        customers.pipeInput("c-2", bob);
        orders.pipeInput("o-1", order("o-1", "c-1", "book"));
        Order o2 = order("o-2", "c-2", "pen");
        orders.pipeInput("o-2", o2);

        // when Ada's only order moves to Bob
        Order moved = order("o-1", "c-2", "book");
        orders.pipeInput("o-1", moved);

        // then Ada disappears from customer-orders and Bob has both orders
        assertEquals(Map.of("c-2", new CustomerOrders(bob, List.of(moved, o2))),
                views.customerOrders());
        assertEquals(List.of(
                new CustomerOrder(bob, moved),
                new CustomerOrder(bob, o2)), views.customerOrder());
    }

    @Test
    void shouldMoveOrderToNewCustomerAndKeepOldCustomersOtherOrders() {
        // given Ada with two orders and Bob with none
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Customer bob = customer("c-2", "Bob", "bob@example.com");
        customers.pipeInput("c-1", ada);
        customers.pipeInput("c-2", bob);
        Order o1 = order("o-1", "c-1", "book");
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", order("o-2", "c-1", "pen"));

        // when one of Ada's orders moves to Bob
        Order moved = order("o-2", "c-2", "pen");
        orders.pipeInput("o-2", moved);

        // then each customer has exactly their current orders
        assertEquals(Map.of(
                "c-1", new CustomerOrders(ada, List.of(o1)),
                "c-2", new CustomerOrders(bob, List.of(moved))), views.customerOrders());
        assertEquals(List.of(
                new CustomerOrder(ada, o1),
                new CustomerOrder(bob, moved)), views.customerOrder());
    }

    // ---- 4. order deleted -----------------------------------------------------------------------------------

    @Test
    void shouldRemoveDeletedOrderAndKeepCustomersOtherOrders() {
        // given a customer with two orders
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        customers.pipeInput("c-1", ada);
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", o2);

        // when one order is deleted
        orders.pipeInput("o-1", (Order) null);

        // then it is gone everywhere and the other order stays
        assertEquals(Map.of("o-2", o2), contents(ORDERS_VIEW.name()));
        assertEquals(List.of(new CustomerOrder(ada, o2)), views.customerOrder());
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o2))), views.customerOrders());

        // and deleting the last order removes the customer's value
        orders.pipeInput("o-2", (Order) null);
        assertEquals(Map.of(), contents(ORDERS_VIEW.name()));
        assertEquals(List.of(), views.customerOrder());
        assertEquals(Map.of(), views.customerOrders());
        assertEquals(Map.of("c-1", ada), contents(CUSTOMERS_VIEW.name()));
    }

    // ---- 5. customer deleted and re-created -----------------------------------------------------------------

    @Test
    void shouldRemoveDeletedCustomersViewsAndRestoreThemWhenCustomerIsRecreated() {
        // given two customers with orders
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Customer bob = customer("c-2", "Bob", "bob@example.com");
        customers.pipeInput("c-1", ada);
        customers.pipeInput("c-2", bob);
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        Order o3 = order("o-3", "c-2", "ink");
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", o2);
        orders.pipeInput("o-3", o3);

        // when Ada is deleted
        customers.pipeInput("c-1", (Customer) null);

        // then she leaves the views, her orders remain in the orders view (and her rows, unseen), Bob is untouched
        assertEquals(Map.of("c-2", bob), contents(CUSTOMERS_VIEW.name()));
        assertEquals(Map.of("o-1", o1, "o-2", o2, "o-3", o3), contents(ORDERS_VIEW.name()));
        assertEquals(List.of(new CustomerOrder(bob, o3)), views.customerOrder());
        assertEquals(Map.of("c-2", new CustomerOrders(bob, List.of(o3))), views.customerOrders());

        // when Ada is re-created (with a new email)
        Customer again = customer("c-1", "Ada", "ada@new.example.com");
        customers.pipeInput("c-1", again);

        // then her orders come back next to her
        assertEquals(List.of(
                new CustomerOrder(again, o1),
                new CustomerOrder(again, o2),
                new CustomerOrder(bob, o3)), views.customerOrder());
        assertEquals(Map.of(
                "c-1", new CustomerOrders(again, List.of(o1, o2)),
                "c-2", new CustomerOrders(bob, List.of(o3))), views.customerOrders());
    }

    // ---- 6. several orders, sorted --------------------------------------------------------------------------

    @Test
    void shouldKeepAllOrdersOfACustomerSortedByOrderId() {
        // given a customer
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        customers.pipeInput("c-1", ada);

        // when three orders arrive out of id order
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        Order o3 = order("o-3", "c-1", "ink");
        orders.pipeInput("o-3", o3);
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", o2);

        // then all three are kept, sorted by orderId
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o1, o2, o3))),
                views.customerOrders());
        assertEquals(List.of(
                new CustomerOrder(ada, o1),
                new CustomerOrder(ada, o2),
                new CustomerOrder(ada, o3)), views.customerOrder());
    }

    @Test
    void shouldReplaceAnUpdatedOrderInPlace() {
        // given a customer with two orders
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        customers.pipeInput("c-1", ada);
        Order o1 = order("o-1", "c-1", "book");
        orders.pipeInput("o-1", o1);
        orders.pipeInput("o-2", order("o-2", "c-1", "pen"));

        // when an order changes (same customer)
        Order changed = new Order("o-2", "c-1", "fountain pen", "Paris", T0.plusSeconds(60));
        orders.pipeInput("o-2", changed);

        // then the new version replaces the old one
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o1, changed))),
                views.customerOrders());
        assertEquals(List.of(new CustomerOrder(ada, o1), new CustomerOrder(ada, changed)), views.customerOrder());
    }

    // ---- 7. duplicates --------------------------------------------------------------------------------------

    @Test
    void shouldIgnoreTheSameEventDeliveredTwice() {
        // given a customer with an order
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Order o1 = order("o-1", "c-1", "book");
        customers.pipeInput("c-1", ada);
        orders.pipeInput("o-1", o1);
        List<CustomerOrder> customerOrderBefore = views.customerOrder();
        Map<String, CustomerOrders> customerOrdersBefore = views.customerOrders();

        views.producedRecords();

        // when the order event and the customer event are redelivered
        orders.pipeInput("o-1", o1);
        customers.pipeInput("c-1", ada);
        orders.pipeInput("o-1", o1);

        // then the redelivered order is not sent on to its customer's rows again
        Set<String> written = views.producedRecords().keySet();
        assertFalse(written.contains(ViewsDriver.APPLICATION_ID + "-customer-orders-by-customer-repartition"),
                "written: " + written);
        assertFalse(written.contains(ViewsDriver.APPLICATION_ID + "-customer-orders-changelog"), "written: " + written);

        // then nothing changes: still one order in the customer's list
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o1))), views.customerOrders());
        assertEquals(customerOrdersBefore, views.customerOrders());
        assertEquals(customerOrderBefore, views.customerOrder());
        assertEquals(Map.of("o-1", o1), contents(ORDERS_VIEW.name()));
        assertEquals(Map.of("c-1", ada), contents(CUSTOMERS_VIEW.name()));
    }

    // ---- 8. greetings and customers -------------------------------------------------------------------------

    @Test
    void shouldStoreGreetingsAndCustomersInTheirOwnStoresKeyedById() {
        // given
        Greeting hello = new Greeting("g-1", "hello", T0);
        Greeting hi = new Greeting("g-2", "hello", T0.plusMillis(1));
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Customer bob = new Customer("c-2", "Bob", "Builder", "bob@example.com", "+44 20 7946 0000", null, null);

        // when
        greetings.pipeInput("g-1", hello);
        greetings.pipeInput("g-2", hi);
        customers.pipeInput("c-1", ada);
        customers.pipeInput("c-2", bob);

        // then each lands in its own store, keyed by id, and nothing else is derived from them
        assertEquals(Map.of("g-1", hello, "g-2", hi), contents(GREETINGS_VIEW.name()));
        assertEquals(Map.of("c-1", ada, "c-2", bob), contents(CUSTOMERS_VIEW.name()));
        assertEquals(Map.of(), contents(ORDERS_VIEW.name()));
        assertEquals(List.of(), views.customerOrder());
        assertEquals(Map.of(), views.customerOrders());
        assertEquals(T0, ((Greeting) contents(GREETINGS_VIEW.name()).get("g-1")).getCreatedAt());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Map<String, Object> contents(String store) {
        return views.contents(store);
    }

    private static Customer customer(String id, String firstName, String email) {
        return new Customer(id, firstName, "Lovelace", email, null, null, null);
    }

    private static Order order(String id, String customerId, String item) {
        return new Order(id, customerId, item, null, T0);
    }
}
