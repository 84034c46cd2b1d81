package dev.eventviews.checkout;

import static dev.eventviews.checkout.SagaDriver.ADDRESS;
import static dev.eventviews.checkout.SagaDriver.STEP_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.CheckoutRequested;
import dev.eventviews.events.Order;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.Topic;

/**
 * Thousands of random interleaved operations against the saga, checking its invariants after every one of them.
 * <p>
 * The orchestrator, the inventory and the accounts run in three drivers, and this test is the broker between them:
 * it delivers the records sent to the saga's topics when it chooses, in order per key (as a partition would) but
 * interleaved across keys, delivers some twice, and lets the orchestrator's wall clock run, so steps time out,
 * replies arrive late and compensations cross replies. Stock changes, deposits, customers (with and without
 * addresses) and checkouts (some of unknown products or customers) come in between.
 */
class CheckoutInvariantsTest {

    private static final long SEED = 20_241_201L;
    private static final int OPERATIONS = 6_000;
    private static final List<String> PRODUCTS = List.of("p0", "p1", "p2", "p3", "p4", "never-defined");
    private static final List<String> CUSTOMERS = List.of("c0", "c1", "c2", "c3", "never-registered");

    @TempDir
    Path stateDir;

    private final Random random = new Random(SEED);
    private SagaDriver process;
    private SagaDriver inventory;
    private SagaDriver accounts;

    /** Records sent to a topic and not delivered yet, in send order. */
    private final Map<Topic<? extends SpecificRecord>, List<KeyValue<String, SpecificRecord>>> pending =
            new LinkedHashMap<>();
    private final Map<Topic<? extends SpecificRecord>, List<KeyValue<String, SpecificRecord>>> delivered =
            new LinkedHashMap<>();

    private final Map<String, Long> appliedStock = new HashMap<>();
    private final Map<String, Long> deposited = new HashMap<>();
    private final Map<String, CheckoutRequested> requests = new TreeMap<>();
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();

    @BeforeEach
    void start() {
        process = SagaDriver.partsInMemory(stateDir.resolve("process"),
                (saga, topology) -> saga.addCheckoutProcess(topology));
        inventory = SagaDriver.partsInMemory(stateDir.resolve("inventory"),
                (saga, topology) -> saga.addInventory(topology));
        accounts = SagaDriver.accountsInMemory(stateDir.resolve("accounts"));
        for (Topic<? extends SpecificRecord> topic : List.of(Catalog.INVENTORY_COMMANDS, Catalog.ACCOUNT_COMMANDS,
                Catalog.CHECKOUT_REPLIES)) {
            pending.put(topic, new ArrayList<>());
            delivered.put(topic, new ArrayList<>());
        }
    }

    @AfterEach
    void close() {
        process.close();
        inventory.close();
        accounts.close();
    }

    @Test
    void shouldKeepTheInvariantsUnderRandomInterleavings() {
        long started = System.nanoTime();
        for (int op = 0; op < OPERATIONS; op++) {
            int dice = random.nextInt(100);
            if (dice < 6) {
                count("product");
                String productId = pick(PRODUCTS.subList(0, PRODUCTS.size() - 1));
                inventory.product(productId, "Product " + productId, 50 + random.nextInt(450));
            } else if (dice < 16) {
                count("stock adjustment");
                adjustStock(pick(PRODUCTS), random.nextInt(31) - 10);
            } else if (dice < 22) {
                count("deposit");
                String customerId = pick(CUSTOMERS);
                long amount = 500 + random.nextInt(4_500);
                accounts.deposit(customerId, amount);
                deposited.merge(customerId, amount, Long::sum);
            } else if (dice < 26) {
                count("customer");
                int addresses = random.nextInt(10);
                accounts.customer(pick(CUSTOMERS.subList(0, CUSTOMERS.size() - 1)), addresses < 8 ? ADDRESS : null,
                        addresses < 7 || addresses == 9 ? ADDRESS : null);
            } else if (dice < 38) {
                count("checkout");
                requestCheckout();
            } else if (dice < 42 && !requests.isEmpty()) {
                count("checkout requested again");
                CheckoutRequested again = pick(new ArrayList<>(requests.values()));
                process.pipe(Catalog.CHECKOUT_EVENTS, again.getOrderId(), again);
            } else if (dice < 80) {
                for (int burst = 1 + random.nextInt(10); burst > 0; burst--) {
                    deliverOne();
                }
            } else if (dice < 86) {
                deliverAgain();
            } else if (dice < 99) {
                count("clock +0-1s");
                process.advance(Duration.ofMillis(random.nextInt(1_000)));
            } else {
                count("clock past a timeout");
                process.advance(STEP_TIMEOUT.plusSeconds(1));
            }
            collect();
            checkAlways(op);
        }
        settle();
        checkWhenIdle();
        System.out.printf("CheckoutInvariantsTest: %d operations, seed %d, %d ms; %s; checkouts %s%n", OPERATIONS,
                SEED, (System.nanoTime() - started) / 1_000_000, counts, outcomes());
    }

    // ---- operations -----------------------------------------------------------------------------------------

    private void adjustStock(String productId, long delta) {
        inventory.adjustStock(productId, delta);
        appliedStock.merge(productId, inventory.stockOf(productId).getLastAdjustment().getApplied(), Long::sum);
    }

    private void requestCheckout() {
        String orderId = "o-" + requests.size();
        List<String> products = new ArrayList<>(PRODUCTS.subList(0, PRODUCTS.size() - 1));
        Collections.shuffle(products, random);
        if (random.nextInt(20) == 0) {
            products.set(0, PRODUCTS.get(PRODUCTS.size() - 1));
        }
        int lines = 1 + random.nextInt(3);
        Object[] items = new Object[lines * 2];
        for (int i = 0; i < lines; i++) {
            items[2 * i] = products.get(i);
            items[2 * i + 1] = 1 + random.nextInt(4);
        }
        if (random.nextInt(50) == 0) {
            items[items.length - 2] = items[0];
            count("checkout with a product twice");
        }
        CheckoutRequested request = SagaDriver.request(orderId, pick(CUSTOMERS), items);
        requests.put(orderId, request);
        process.pipe(Catalog.CHECKOUT_EVENTS, orderId, request);
    }

    /** Delivers one pending record whose key has no earlier pending record: the order of a partition. */
    private void deliverOne() {
        List<Topic<? extends SpecificRecord>> nonEmpty = pending.keySet().stream()
                .filter(topic -> !pending.get(topic).isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return;
        }
        Topic<? extends SpecificRecord> topic = pick(nonEmpty);
        List<KeyValue<String, SpecificRecord>> queue = pending.get(topic);
        Set<String> keys = new HashSet<>();
        List<Integer> heads = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            if (keys.add(queue.get(i).key)) {
                heads.add(i);
            }
        }
        KeyValue<String, SpecificRecord> record = queue.remove((int) pick(heads));
        count("deliver");
        deliver(topic, record);
        delivered.get(topic).add(record);
    }

    private void deliverAgain() {
        Topic<? extends SpecificRecord> topic = pick(new ArrayList<>(delivered.keySet()));
        if (!delivered.get(topic).isEmpty()) {
            count("deliver again");
            deliver(topic, pick(delivered.get(topic)));
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Topic<? extends SpecificRecord> topic, KeyValue<String, SpecificRecord> record) {
        SagaDriver to = topic == Catalog.CHECKOUT_REPLIES ? process
                : topic == Catalog.INVENTORY_COMMANDS ? inventory : accounts;
        to.pipe((Topic<SpecificRecord>) topic, record.key, record.value);
    }

    /** Takes what the drivers sent into the pending queues (and the orders). */
    private void collect() {
        pending.get(Catalog.INVENTORY_COMMANDS).addAll(generic(process.sent(Catalog.INVENTORY_COMMANDS)));
        pending.get(Catalog.ACCOUNT_COMMANDS).addAll(generic(process.sent(Catalog.ACCOUNT_COMMANDS)));
        pending.get(Catalog.CHECKOUT_REPLIES).addAll(generic(inventory.sent(Catalog.CHECKOUT_REPLIES)));
        pending.get(Catalog.CHECKOUT_REPLIES).addAll(generic(accounts.sent(Catalog.CHECKOUT_REPLIES)));
        for (KeyValue<String, Order> order : process.sent(Catalog.ORDER_EVENTS)) {
            if (orders.put(order.key, order.value) != null) {
                fail("a second order for " + order.key);
            }
        }
    }

    /** Runs until nothing is pending and every checkout has ended: delivers everything, lets steps time out. */
    private void settle() {
        for (int round = 0; round < 100; round++) {
            while (pending.values().stream().anyMatch(queue -> !queue.isEmpty())) {
                deliverOne();
                collect();
                checkAlways(-1);
            }
            if (requests.keySet().stream().allMatch(id -> CheckoutSteps.isFinal(process.checkoutOf(id).getState()))) {
                return;
            }
            process.advance(STEP_TIMEOUT.plusSeconds(1));
            collect();
        }
        fail("the saga did not settle");
    }

    // ---- invariants -----------------------------------------------------------------------------------------

    private void checkAlways(int op) {
        for (String productId : PRODUCTS) {
            ProductStock stock = inventory.stockOf(productId);
            if (stock != null && (stock.getReserved() < 0 || stock.getReserved() > stock.getOnHand())) {
                fail("after operation " + op + ": " + stock);
            }
        }
        for (String customerId : CUSTOMERS) {
            Account account = accounts.accountOf(customerId);
            if (account != null && (account.getHeld() < 0 || account.getHeld() > account.getBalance())) {
                fail("after operation " + op + ": " + account);
            }
        }
    }

    private void checkWhenIdle() {
        Map<String, Long> soldUnits = new HashMap<>();
        Map<String, Long> spent = new HashMap<>();
        for (String orderId : requests.keySet()) {
            Checkout checkout = process.checkoutOf(orderId);
            checkHistory(checkout);
            if (checkout.getState() == CheckoutState.COMPLETED) {
                long amount = 0;
                for (CheckoutLine line : checkout.getLines()) {
                    amount += line.getQuantity() * line.getPriceCents();
                    soldUnits.merge(line.getProductId(), (long) line.getQuantity(), Long::sum);
                    assertEquals(ReservationStatus.COMMITTED,
                            inventory.reservationOf(line.getProductId(), orderId).getStatus(), orderId);
                }
                assertEquals(amount, checkout.getAmountCents(), orderId);
                Hold hold = accounts.holdOf(checkout.getCustomerId(), orderId);
                assertEquals(HoldStatus.CAPTURED, hold.getStatus(), orderId);
                assertEquals(amount, hold.getAmountCents(), orderId);
                spent.merge(checkout.getCustomerId(), amount, Long::sum);
                assertTrue(orders.containsKey(orderId), "the order of " + orderId);
            } else {
                assertEquals(CheckoutState.REJECTED, checkout.getState(), orderId);
                for (CheckoutLine line : checkout.getLines()) {
                    Reservation reservation = inventory.reservationOf(line.getProductId(), orderId);
                    assertTrue(reservation == null || reservation.getStatus() == ReservationStatus.RELEASED,
                            orderId + " " + reservation);
                }
                Hold hold = accounts.holdOf(checkout.getCustomerId(), orderId);
                assertTrue(hold == null || hold.getStatus() == HoldStatus.VOIDED, orderId + " " + hold);
                assertTrue(!orders.containsKey(orderId), "no order for the rejected " + orderId);
            }
        }
        for (String productId : PRODUCTS) {
            ProductStock stock = inventory.stockOf(productId);
            if (stock != null) {
                assertEquals(0, stock.getReserved(), productId);
                assertEquals(appliedStock.getOrDefault(productId, 0L) - soldUnits.getOrDefault(productId, 0L),
                        stock.getOnHand(), productId);
            }
        }
        for (String customerId : CUSTOMERS) {
            Account account = accounts.accountOf(customerId);
            if (account != null) {
                assertEquals(0, account.getHeld(), customerId);
                assertEquals(deposited.getOrDefault(customerId, 0L) - spent.getOrDefault(customerId, 0L),
                        account.getBalance(), customerId);
            }
        }
        assertEquals(Map.of(), process.all(Catalog.CHECKOUT_DEADLINES));
    }

    /** Starts in RESERVING, moves only by legal transitions, ends in a final state. */
    private static void checkHistory(Checkout checkout) {
        List<CheckoutState> states = SagaDriver.states(checkout);
        assertEquals(CheckoutState.RESERVING, states.get(0), checkout.getOrderId());
        for (int i = 1; i < states.size(); i++) {
            assertTrue(CheckoutSteps.isLegal(states.get(i - 1), states.get(i)),
                    checkout.getOrderId() + ": " + states);
        }
        assertEquals(checkout.getState(), states.get(states.size() - 1));
    }

    private Map<String, Integer> outcomes() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String orderId : requests.keySet()) {
            Checkout checkout = process.checkoutOf(orderId);
            String reason = checkout.getReason() == null ? ""
                    : ": " + checkout.getReason().replaceAll("^[^ ]+: ", "").replaceAll("\\d+", "N")
                            .replaceAll(" (cN|never-registered)$", "");
            outcomes.merge(checkout.getState() + reason, 1, Integer::sum);
            if (checkout.getHistory().stream().anyMatch(event -> event.getEvent().equals("late reply"))) {
                outcomes.merge("with a late reply", 1, Integer::sum);
            }
        }
        return outcomes;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void count(String operation) {
        counts.merge(operation, 1, Integer::sum);
    }

    private static <V extends SpecificRecord> List<KeyValue<String, SpecificRecord>> generic(
            List<KeyValue<String, V>> records) {
        return records.stream().map(record -> KeyValue.<String, SpecificRecord> pair(record.key, record.value))
                .toList();
    }

}
