package dev.eventviews.topology;

import static dev.eventviews.topology.Catalog.CUSTOMERS_VIEW;
import static dev.eventviews.topology.Catalog.CUSTOMER_EVENTS;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDERS_VIEW;
import static dev.eventviews.topology.Catalog.CUSTOMER_ORDER_VIEW;
import static dev.eventviews.topology.Catalog.GREETINGS_VIEW;
import static dev.eventviews.topology.Catalog.GREETING_EVENTS;
import static dev.eventviews.topology.Catalog.ORDERS_VIEW;
import static dev.eventviews.topology.Catalog.ORDER_EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.checkout.CheckoutTopology;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.topology.Catalog.Topic;
import dev.eventviews.views.CustomerOrder;
import dev.eventviews.views.CustomerOrders;

class ViewsTopologyTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    private final PlainAvroSerdes serdes = new PlainAvroSerdes();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Customer> customers;
    private TestInputTopic<String, Order> orders;
    private TestInputTopic<String, Greeting> greetings;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new ViewsTopology(serdes, Duration.ofDays(1),
                new CheckoutTopology(serdes, Duration.ofSeconds(10))).build(), config);
        customers = input(CUSTOMER_EVENTS);
        orders = input(ORDER_EVENTS);
        greetings = input(GREETING_EVENTS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // ---- 1. order before customer -------------------------------------------------------------------------

    @Test
    void shouldShowOrderThatArrivedBeforeItsCustomerOnceTheCustomerArrives() {
        // given an order whose customer does not exist yet
        Order order = order("o-1", "c-1", "book");
        orders.pipeInput(order.getOrderId(), order);

        // then only the orders view has it
        assertEquals(Map.of("o-1", order), contents(ORDERS_VIEW.name()));
        assertEquals(Map.of(), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of(), contents(CUSTOMER_ORDERS_VIEW.name()));

        // when the customer arrives
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        customers.pipeInput(ada.getCustomerId(), ada);

        // then the order shows up next to its customer
        assertEquals(Map.of("o-1", new CustomerOrder(ada, order)), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(order))), contents(CUSTOMER_ORDERS_VIEW.name()));
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

        // when the customer changes name and email
        Customer renamed = customer("c-1", "Augusta", "augusta@example.com");
        customers.pipeInput("c-1", renamed);

        // then every row and the aggregate carry the new customer
        assertEquals(Map.of("c-1", renamed), contents(CUSTOMERS_VIEW.name()));
        assertEquals(Map.of(
                "o-1", new CustomerOrder(renamed, o1),
                "o-2", new CustomerOrder(renamed, o2)), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of("c-1", new CustomerOrders(renamed, List.of(o1, o2))),
                contents(CUSTOMER_ORDERS_VIEW.name()));
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
                contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(Map.of(
                "o-1", new CustomerOrder(bob, moved),
                "o-2", new CustomerOrder(bob, o2)), contents(CUSTOMER_ORDER_VIEW.name()));
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
                "c-2", new CustomerOrders(bob, List.of(moved))), contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(Map.of(
                "o-1", new CustomerOrder(ada, o1),
                "o-2", new CustomerOrder(bob, moved)), contents(CUSTOMER_ORDER_VIEW.name()));
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
        assertEquals(Map.of("o-2", new CustomerOrder(ada, o2)), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o2))), contents(CUSTOMER_ORDERS_VIEW.name()));

        // and deleting the last order removes the customer's value
        orders.pipeInput("o-2", (Order) null);
        assertEquals(Map.of(), contents(ORDERS_VIEW.name()));
        assertEquals(Map.of(), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of(), contents(CUSTOMER_ORDERS_VIEW.name()));
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

        // then her joined rows and aggregate are gone, her orders remain in the orders view, Bob is untouched
        assertEquals(Map.of("c-2", bob), contents(CUSTOMERS_VIEW.name()));
        assertEquals(Map.of("o-1", o1, "o-2", o2, "o-3", o3), contents(ORDERS_VIEW.name()));
        assertEquals(Map.of("o-3", new CustomerOrder(bob, o3)), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of("c-2", new CustomerOrders(bob, List.of(o3))), contents(CUSTOMER_ORDERS_VIEW.name()));

        // when Ada is re-created (with a new email)
        Customer again = customer("c-1", "Ada", "ada@new.example.com");
        customers.pipeInput("c-1", again);

        // then her orders come back next to her
        assertEquals(Map.of(
                "o-1", new CustomerOrder(again, o1),
                "o-2", new CustomerOrder(again, o2),
                "o-3", new CustomerOrder(bob, o3)), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of(
                "c-1", new CustomerOrders(again, List.of(o1, o2)),
                "c-2", new CustomerOrders(bob, List.of(o3))), contents(CUSTOMER_ORDERS_VIEW.name()));
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
                contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(Map.of(
                "o-1", new CustomerOrder(ada, o1),
                "o-2", new CustomerOrder(ada, o2),
                "o-3", new CustomerOrder(ada, o3)), contents(CUSTOMER_ORDER_VIEW.name()));
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
                contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(new CustomerOrder(ada, changed), contents(CUSTOMER_ORDER_VIEW.name()).get("o-2"));
    }

    // ---- 7. duplicates --------------------------------------------------------------------------------------

    @Test
    void shouldIgnoreTheSameEventDeliveredTwice() {
        // given a customer with an order
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Order o1 = order("o-1", "c-1", "book");
        customers.pipeInput("c-1", ada);
        orders.pipeInput("o-1", o1);
        Map<String, Object> customerOrderBefore = contents(CUSTOMER_ORDER_VIEW.name());
        Map<String, Object> customerOrdersBefore = contents(CUSTOMER_ORDERS_VIEW.name());

        // when the order event and the customer event are redelivered
        orders.pipeInput("o-1", o1);
        customers.pipeInput("c-1", ada);
        orders.pipeInput("o-1", o1);

        // then nothing changes: still one order in the customer's list
        assertEquals(Map.of("c-1", new CustomerOrders(ada, List.of(o1))), contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(customerOrdersBefore, contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(customerOrderBefore, contents(CUSTOMER_ORDER_VIEW.name()));
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
        assertEquals(Map.of(), contents(CUSTOMER_ORDER_VIEW.name()));
        assertEquals(Map.of(), contents(CUSTOMER_ORDERS_VIEW.name()));
        assertEquals(T0, ((Greeting) contents(GREETINGS_VIEW.name()).get("g-1")).getCreatedAt());
    }

    // ---- aggregate helpers ----------------------------------------------------------------------------------

    @Test
    void shouldStartAggregateWithoutCustomerAndOrders() {
        CustomerOrders empty = ViewsTopology.noOrders();

        assertNull(empty.getCustomer());
        assertEquals(List.of(), empty.getOrders());
    }

    @Test
    void shouldAddOrReplaceOrderSortedAndTakeTheRowsCustomer() {
        // given
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Customer renamed = customer("c-1", "Augusta", "augusta@example.com");
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        Order o2changed = order("o-2", "c-1", "pencil");
        CustomerOrders aggregate = ViewsTopology.withOrder("c-1", new CustomerOrder(ada, o2), ViewsTopology.noOrders());

        // when
        aggregate = ViewsTopology.withOrder("c-1", new CustomerOrder(ada, o1), aggregate);
        aggregate = ViewsTopology.withOrder("c-1", new CustomerOrder(renamed, o2changed), aggregate);

        // then
        assertEquals(new CustomerOrders(renamed, List.of(o1, o2changed)), aggregate);
    }

    @Test
    void shouldRemoveOrderAndReturnNullWhenTheLastOneIsRemoved() {
        // given
        Customer ada = customer("c-1", "Ada", "ada@example.com");
        Order o1 = order("o-1", "c-1", "book");
        Order o2 = order("o-2", "c-1", "pen");
        CustomerOrders both = new CustomerOrders(ada, new ArrayList<>(List.of(o1, o2)));

        // when / then
        CustomerOrders one = ViewsTopology.withoutOrder("c-1", new CustomerOrder(ada, o1), both);
        assertEquals(new CustomerOrders(ada, List.of(o2)), one);
        assertEquals(new CustomerOrders(ada, List.of(o1, o2)), both, "the input aggregate is not modified");
        assertNull(ViewsTopology.withoutOrder("c-1", new CustomerOrder(ada, o2), one));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(),
                serdes.forType(topic.valueType()).serializer());
    }

    /** The whole view, by key, with the record timestamps unwrapped (every view is a timestamped KTable store). */
    private Map<String, Object> contents(String store) {
        KeyValueStore<String, ValueAndTimestamp<Object>> kv = driver.getTimestampedKeyValueStore(store);
        assertNotNull(kv, "store " + store + " exists");
        Map<String, Object> all = new TreeMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Object>> it = kv.all()) {
            it.forEachRemaining(entry -> all.put(entry.key, entry.value.value()));
        }
        return all;
    }

    private static Customer customer(String id, String firstName, String email) {
        return new Customer(id, firstName, "Lovelace", email, null, null, null);
    }

    private static Order order(String id, String customerId, String item) {
        return new Order(id, customerId, item, null, T0);
    }
}
