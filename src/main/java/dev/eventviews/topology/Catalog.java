package dev.eventviews.topology;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.eventviews.checkout.Account;
import dev.eventviews.checkout.AccountCommand;
import dev.eventviews.checkout.Checkout;
import dev.eventviews.checkout.CheckoutReply;
import dev.eventviews.checkout.Hold;
import dev.eventviews.checkout.InventoryCommand;
import dev.eventviews.checkout.ProductStock;
import dev.eventviews.checkout.Reservation;
import dev.eventviews.checkout.RowKeys;
import dev.eventviews.events.CheckoutRequested;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Deposit;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.events.Product;
import dev.eventviews.events.StockAdjusted;
import dev.eventviews.idempotency.FirstAnswer;
import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.views.OrderRowChange;

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
    /**
     * The topics that the write side appends to (one emitter channel each) and that are kept forever: the schema
     * compatibility rule and the Idempotency-Key answers cover each of them. The checkout's are declared below (named
     * with the class, which Java requires of a constant used above its declaration).
     */
    public static final List<String> EVENT_TOPICS = List.of(CUSTOMERS, ORDERS, GREETINGS, Catalog.PRODUCTS,
            Catalog.STOCK_ADJUSTMENTS, Catalog.DEPOSITS, Catalog.CHECKOUTS);
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
    /**
     * The customer-orders view's store: one row per order, keyed by {@link CustomerOrderKey} ({@code
     * <customerId>,<orderId>}, so the key order is customer, then order), holding the order only. A customer's rows
     * are one range; the customer is stored once, in {@link #CUSTOMERS_VIEW} (same partitions, same task), and
     * joined when the rows are read ({@link CustomerOrdersReader}): a customer without a customer record, or without
     * orders, is not in the view. Nothing stored grows with the number of a customer's orders.
     * <p>
     * The same rows, each joined with its customer, are also the customer-order view (every order with its
     * customer, in customer then order order), so no per-order copy of the customer is kept either.
     */
    public static final View<Order> CUSTOMER_ORDER_ROWS = new View<>("customer-orders", Order.class,
            order -> CustomerOrderKey.of(order.getCustomerId(), order.getOrderId()), null);
    /**
     * The changes of the orders' rows on their way to their customer's task, keyed by customerId: an internal
     * repartition topic, {@code <application-id>-customer-orders-by-customer-repartition}, with as many partitions
     * as the event topics, so that partition n of it and of the customers topic are processed by the same task.
     */
    public static final Topic<OrderRowChange> ORDER_ROW_CHANGES = new Topic<>("customer-orders-by-customer",
            OrderRowChange.class);

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
    /**
     * The versions of the customer-orders view's rows, for as-of reads of it: one row per version of each
     * (customer, order) row, keyed by customerId, orderId and validFrom as bytes, holding a
     * {@code dev.eventviews.history.OrderVersion} (the order, or none while it was not the customer's, and when
     * that held). Kept in the customers' task, next to {@link #CUSTOMER_ORDER_ROWS}, from the same row changes; see
     * {@code dev.eventviews.history.OrderVersionRecorder}.
     */
    public static final String CUSTOMER_ORDER_VERSIONS = "customer-order-versions";
    /** The keys of {@link #CUSTOMER_ORDER_VERSIONS} that can expire, by the time they do. */
    public static final String CUSTOMER_ORDER_VERSIONS_BY_TIME = "customer-order-versions-by-time";

    /** The time travel stores behind a view: for an entity view folded straight from a topic in {@link #HISTORIES}. */
    @SuppressWarnings("unchecked") // an entity view holds the values of its source topic
    public static <V> Optional<History<V>> historyOf(View<V> view) {
        return HISTORIES.stream()
                .filter(history -> history.events().equals(view.source()))
                .map(history -> (History<V>) history)
                .findFirst();
    }

    // ---- The checkout saga (dev.eventviews.checkout.CheckoutTopology) ----------------------------------------

    public static final String PRODUCTS = "products";
    public static final String STOCK_ADJUSTMENTS = "stock-adjustments";
    public static final String DEPOSITS = "deposits";
    public static final String CHECKOUTS = "checkouts";

    /** Products (name, price), keyed by productId. */
    public static final Topic<Product> PRODUCT_EVENTS = new Topic<>(PRODUCTS, Product.class);
    /**
     * The products' history and versions: of the Product events (name, price), not of the {@link #PRODUCTS_VIEW}
     * entries, whose stock figures change through other topics and are not versioned.
     */
    public static final History<Product> PRODUCT_HISTORY = new History<>(PRODUCT_EVENTS, "products-history",
            "products-history-by-time", "products-versions");
    /** Units added to or removed from a product's stock, keyed by productId. */
    public static final Topic<StockAdjusted> STOCK_ADJUSTMENT_EVENTS = new Topic<>(STOCK_ADJUSTMENTS,
            StockAdjusted.class);
    /** Funds added to a customer's account, keyed by customerId. */
    public static final Topic<Deposit> DEPOSIT_EVENTS = new Topic<>(DEPOSITS, Deposit.class);
    /** Checkouts asked for, keyed by orderId. */
    public static final Topic<CheckoutRequested> CHECKOUT_EVENTS = new Topic<>(CHECKOUTS, CheckoutRequested.class);

    /*
     * The saga's commands and replies. Each is keyed like the state it changes (productId, customerId, orderId) and
     * has the event topics' partition count, so that it is co-partitioned with the event topics its participant
     * reads: one task holds all of one product's (one account's, one checkout's) inputs and applies them in order.
     */
    public static final Topic<InventoryCommand> INVENTORY_COMMANDS = new Topic<>("inventory-commands",
            InventoryCommand.class);
    public static final Topic<AccountCommand> ACCOUNT_COMMANDS = new Topic<>("account-commands",
            AccountCommand.class);
    public static final Topic<CheckoutReply> CHECKOUT_REPLIES = new Topic<>("checkout-replies", CheckoutReply.class);
    public static final List<String> SAGA_TOPICS = List.of(INVENTORY_COMMANDS.name(), ACCOUNT_COMMANDS.name(),
            CHECKOUT_REPLIES.name());

    /** Each product with its units on hand and reserved, keyed by productId. */
    public static final View<ProductStock> PRODUCTS_VIEW = new View<>("products", ProductStock.class,
            ProductStock::getProductId, null);
    /** One row per reservation, keyed by productId/orderId: a product's reservations are one prefix scan. */
    public static final View<Reservation> RESERVATIONS_VIEW = new View<>("stock-reservations", Reservation.class,
            row -> RowKeys.of(row.getProductId(), row.getOrderId()), null);
    /** Each customer's balance and held amount, keyed by customerId. */
    public static final View<Account> ACCOUNTS_VIEW = new View<>("accounts", Account.class, Account::getCustomerId,
            null);
    /** One row per payment hold, keyed by customerId/orderId: an account's holds are one prefix scan. */
    public static final View<Hold> HOLDS_VIEW = new View<>("account-holds", Hold.class,
            row -> RowKeys.of(row.getCustomerId(), row.getOrderId()), null);
    /** Each checkout with its state and history, keyed by orderId; it holds a request as soon as it is read. */
    public static final View<Checkout> CHECKOUTS_VIEW = new View<>("checkouts", Checkout.class,
            Checkout::getOrderId, CHECKOUT_EVENTS);
    /** Running checkouts by the time their step times out (keys from {@link RowKeys#byTime}, values orderIds). */
    public static final String CHECKOUT_DEADLINES = "checkout-deadlines";

    /**
     * The entities whose histories and versions are kept, and whose views answer as-of reads (see
     * {@link #historyOf}). Declared after the checkout's topics, for the products: a static field sees only the
     * fields declared before it.
     */
    public static final List<History<?>> HISTORIES = List.of(CUSTOMER_HISTORY, ORDER_HISTORY, PRODUCT_HISTORY);
    /**
     * Every store the service queries (and whose changelog feeds the live changes). Declared after the views it
     * lists: a static field sees only the fields declared before it.
     */
    public static final List<View<?>> VIEWS = List.of(CUSTOMERS_VIEW, ORDERS_VIEW, GREETINGS_VIEW,
            CUSTOMER_ORDER_ROWS, PRODUCTS_VIEW, ACCOUNTS_VIEW, CHECKOUTS_VIEW);

    /** The topics that TopicProvisioner creates: every topic a topology reads, except Kafka Streams' own. */
    public static final List<String> PROVISIONED_TOPICS = Stream.of(EVENT_TOPICS, SAGA_TOPICS)
            .flatMap(List::stream).toList();

    private Catalog() {
    }
}
