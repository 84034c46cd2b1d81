package dev.eventviews.topology;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.idempotency.FirstAnswer;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.views.CustomerOrder;
import dev.eventviews.views.CustomerOrders;

/**
 * Every topic and every materialized view (state store) of the service, declared once. Keys are always
 * strings (the entity id); values are Avro records whose serde comes from a {@link ValueSerdes}.
 */
public final class Catalog {

    /** An event topic: the write model. */
    public record Topic<V>(String name, Class<V> valueType) {
    }

    /**
     * A materialized view: a key-value state store that the REST API queries. {@code keyOf} gives an entry's key
     * from its value (lists merged across instances are ordered by it). {@code source} is the event topic whose
     * offsets the store's IQv2 position tracks directly; it is null for views derived through internal topics.
     */
    public record View<V>(String name, Class<V> valueType, Function<V, String> keyOf, Topic<?> source) {

        public boolean derived() {
            return source == null;
        }
    }

    // Topic names as constants too, because channel annotations need compile-time values.
    public static final String CUSTOMERS = "customers";
    public static final String ORDERS = "orders";
    public static final String GREETINGS = "greetings";
    /** Records on the event topics that cannot be deserialized end here, with headers saying why. */
    public static final String DEAD_LETTERS = "dead-letters";

    public static final Topic<Customer> CUSTOMER_EVENTS = new Topic<>(CUSTOMERS, Customer.class);
    public static final Topic<Order> ORDER_EVENTS = new Topic<>(ORDERS, Order.class);
    public static final Topic<Greeting> GREETING_EVENTS = new Topic<>(GREETINGS, Greeting.class);
    public static final List<String> EVENT_TOPICS = List.of(CUSTOMERS, ORDERS, GREETINGS);
    /**
     * The first answer to every write that carried an Idempotency-Key, keyed by operation and key (compacted). Every
     * instance reads all of it into the global store of the same name, so a retry is recognized wherever it lands.
     */
    public static final Topic<FirstAnswer> FIRST_ANSWERS = new Topic<>("idempotency-keys", FirstAnswer.class);

    public static final View<Customer> CUSTOMERS_VIEW = new View<>("customers", Customer.class,
            Customer::getCustomerId, CUSTOMER_EVENTS);
    public static final View<Order> ORDERS_VIEW = new View<>("orders", Order.class, Order::getOrderId, ORDER_EVENTS);
    public static final View<Greeting> GREETINGS_VIEW = new View<>("greetings", Greeting.class, Greeting::getId,
            GREETING_EVENTS);
    /** One row per order carrying its customer, keyed by orderId. */
    public static final View<CustomerOrder> CUSTOMER_ORDER_VIEW = new View<>("customer-order", CustomerOrder.class,
            row -> row.getOrder().getOrderId(), null);
    /** One value per customer with all of their current orders, keyed by customerId. */
    public static final View<CustomerOrders> CUSTOMER_ORDERS_VIEW = new View<>("customer-orders",
            CustomerOrders.class, value -> value.getCustomer().getCustomerId(), null);
    public static final List<View<?>> VIEWS = List.of(CUSTOMERS_VIEW, ORDERS_VIEW, GREETINGS_VIEW,
            CUSTOMER_ORDER_VIEW, CUSTOMER_ORDERS_VIEW);

    /**
     * The time travel stores of an entity's event topic. {@code history} holds one row per event, keyed by entity id
     * then offset, so one entity's events are one range read; {@code historyByTime} holds the same rows' keys by
     * timestamp, so the rows past the retention are found without a scan; {@code versions} is a versioned store of
     * every state of each entity by time, for as-of reads. See {@code dev.eventviews.history.HistoryTopology}.
     */
    public record History<V>(Topic<V> events, String history, String historyByTime, String versions) {
    }

    public static final History<Customer> CUSTOMER_HISTORY = new History<>(CUSTOMER_EVENTS, "customers-history",
            "customers-history-by-time", "customers-versions");
    public static final History<Order> ORDER_HISTORY = new History<>(ORDER_EVENTS, "orders-history",
            "orders-history-by-time", "orders-versions");
    /** The entities whose views answer as-of reads: those of the entity topics listed here. */
    public static final List<History<?>> HISTORIES = List.of(CUSTOMER_HISTORY, ORDER_HISTORY);

    /** The time travel stores behind a view, for an entity view folded straight from a topic listed in HISTORIES. */
    @SuppressWarnings("unchecked") // an entity view holds the values of its source topic
    public static <V> Optional<History<V>> historyOf(View<V> view) {
        return HISTORIES.stream()
                .filter(history -> history.events().equals(view.source()))
                .map(history -> (History<V>) history)
                .findFirst();
    }

    private Catalog() {
    }
}
