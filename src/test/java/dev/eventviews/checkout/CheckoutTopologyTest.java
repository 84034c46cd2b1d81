package dev.eventviews.checkout;

import static dev.eventviews.checkout.CheckoutState.AUTHORIZING;
import static dev.eventviews.checkout.CheckoutState.COMPLETED;
import static dev.eventviews.checkout.CheckoutState.REJECTED;
import static dev.eventviews.checkout.CheckoutState.RESERVING;
import static dev.eventviews.checkout.CheckoutState.VERIFYING;
import static dev.eventviews.checkout.SagaDriver.ADDRESS;
import static dev.eventviews.checkout.SagaDriver.STEP_TIMEOUT;
import static dev.eventviews.checkout.SagaDriver.history;
import static dev.eventviews.checkout.SagaDriver.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.eventviews.events.Order;
import dev.eventviews.topology.Catalog;

class CheckoutTopologyTest {

    @TempDir
    Path stateDir;

    private SagaDriver saga;

    @AfterEach
    void close() {
        if (saga != null) {
            saga.close();
        }
    }

    /** Two products in stock, a customer with both addresses and 100.00 on the account. */
    private void givenAShop() {
        saga = SagaDriver.whole(stateDir);
        saga.product("widget", "Widget", 150);
        saga.product("gadget", "Gadget", 1000);
        saga.adjustStock("widget", 10);
        saga.adjustStock("gadget", 1);
        saga.customer("ada", ADDRESS, ADDRESS);
        saga.deposit("ada", 10_000);
    }

    /** The inventory and the orchestrator, not the accounts: payment commands stay unanswered. */
    private void givenNoAccounts() {
        saga = SagaDriver.parts(stateDir, (checkout, topology) -> {
            checkout.addInventory(topology);
            checkout.addCheckoutProcess(topology);
        });
        saga.product("widget", "Widget", 150);
        saga.adjustStock("widget", 10);
    }

    private void assertNothingHeldOrReserved() {
        assertEquals(0, saga.stockOf("widget").getReserved(), "widget reserved");
        if (saga.stockOf("gadget") != null) {
            assertEquals(0, saga.stockOf("gadget").getReserved(), "gadget reserved");
        }
        if (saga.accountOf("ada") != null) {
            assertEquals(0, saga.accountOf("ada").getHeld(), "held");
        }
    }

    // ---- the happy path -------------------------------------------------------------------------------------

    @Test
    void shouldCompleteCheckoutCommittingStockCapturingPaymentAndAppendingOneOrder() {
        givenAShop();

        saga.checkout("o-1", "ada", "widget", 2, "gadget", 1);

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(COMPLETED, checkout.getState());
        assertEquals(states(RESERVING, AUTHORIZING, VERIFYING, COMPLETED), states(checkout));
        assertEquals(1300L, checkout.getAmountCents());
        assertNull(checkout.getReason());
        assertNull(checkout.getDeadline());
        assertEquals(List.of(150L, 1000L), checkout.getLines().stream().map(CheckoutLine::getPriceCents).toList());
        assertEquals(List.of(
                "RESERVING requested: 2 lines",
                "RESERVING reserve stock",
                "RESERVING stock reserved: widget: 2 × 150 cents",
                "RESERVING stock reserved: gadget: 1 × 1000 cents",
                "AUTHORIZING authorize payment",
                "AUTHORIZING payment authorized: 1300 cents held",
                "VERIFYING verify customer",
                "VERIFYING customer verified",
                "COMPLETED completed: commit stock, capture payment, append order"), history(checkout));

        assertEquals(8, saga.stockOf("widget").getOnHand());
        assertEquals(0, saga.stockOf("gadget").getOnHand());
        assertNothingHeldOrReserved();
        assertEquals(ReservationStatus.COMMITTED, saga.reservationOf("widget", "o-1").getStatus());
        assertEquals(10_000 - 1300, saga.accountOf("ada").getBalance());
        assertEquals(HoldStatus.CAPTURED, saga.holdOf("ada", "o-1").getStatus());

        List<KeyValue<String, Order>> orders = saga.sent(Catalog.ORDER_EVENTS);
        assertEquals(1, orders.size());
        Order order = orders.get(0).value;
        assertEquals("o-1", order.getOrderId());
        assertEquals("ada", order.getCustomerId());
        assertEquals("2 × Widget, 1 × Gadget", order.getOrderItemName());
        assertEquals(SagaDriver.T0, order.getOrderPurchaseTime());
        // and the existing views show it like any other order
        assertEquals(order, saga.orderInView("o-1"));
    }

    @Test
    void shouldNotTimeOutACompletedCheckout() {
        givenAShop();
        saga.checkout("o-1", "ada", "widget", 1);

        saga.advance(STEP_TIMEOUT.multipliedBy(2));

        assertEquals(COMPLETED, saga.checkoutOf("o-1").getState());
        assertEquals(9, saga.stockOf("widget").getOnHand());
    }

    // ---- a step fails ---------------------------------------------------------------------------------------

    @Test
    void shouldRejectWhenStockIsShortAndReleaseTheLinesThatWereReserved() {
        givenAShop();

        saga.checkout("o-1", "ada", "widget", 2, "gadget", 2);

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(REJECTED, checkout.getState());
        assertEquals("gadget: not enough stock: 1 available", checkout.getReason());
        assertEquals(states(RESERVING, REJECTED), states(checkout));
        assertTrue(history(checkout).contains("REJECTED compensation: release stock"), history(checkout).toString());
        assertEquals(ReservationStatus.RELEASED, saga.reservationOf("widget", "o-1").getStatus());
        assertNull(saga.reservationOf("gadget", "o-1"));
        assertEquals(10, saga.stockOf("widget").getOnHand());
        assertNothingHeldOrReserved();
        assertEquals(10_000, saga.accountOf("ada").getBalance());
        assertNull(saga.holdOf("ada", "o-1"), "no payment was asked for");
        assertEquals(List.of(), saga.sent(Catalog.ORDER_EVENTS));
    }

    @Test
    void shouldRejectAnUnknownProduct() {
        givenAShop();

        saga.checkout("o-1", "ada", "widget", 1, "nothing", 1);

        assertEquals(REJECTED, saga.checkoutOf("o-1").getState());
        assertEquals("nothing: unknown product", saga.checkoutOf("o-1").getReason());
        assertNothingHeldOrReserved();
    }

    @Test
    void shouldRejectInsufficientFundsAndReleaseTheStock() {
        givenAShop();
        saga.deposit("bob", 100);
        saga.customer("bob", ADDRESS, ADDRESS);

        saga.checkout("o-1", "bob", "widget", 1);

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(REJECTED, checkout.getState());
        assertEquals("insufficient funds: 100 cents available, 150 needed", checkout.getReason());
        assertEquals(states(RESERVING, AUTHORIZING, REJECTED), states(checkout));
        assertEquals(List.of("REJECTED compensation: void payment", "REJECTED compensation: release stock"),
                history(checkout).subList(history(checkout).size() - 2, history(checkout).size()));
        assertEquals(100, saga.accountOf("bob").getBalance());
        assertNothingHeldOrReserved();
        assertEquals(10, saga.stockOf("widget").getOnHand());
    }

    @Test
    void shouldRejectAnUnknownCustomerAndVoidTheHoldAndReleaseTheStock() {
        givenAShop();
        saga.deposit("ghost", 10_000);

        saga.checkout("o-1", "ghost", "widget", 3);

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(REJECTED, checkout.getState());
        assertEquals("unknown customer ghost", checkout.getReason());
        assertEquals(states(RESERVING, AUTHORIZING, VERIFYING, REJECTED), states(checkout));
        assertEquals(HoldStatus.VOIDED, saga.holdOf("ghost", "o-1").getStatus());
        assertEquals(ReservationStatus.RELEASED, saga.reservationOf("widget", "o-1").getStatus());
        assertEquals(10_000, saga.accountOf("ghost").getBalance());
        assertEquals(0, saga.accountOf("ghost").getHeld());
        assertNothingHeldOrReserved();
        assertEquals(List.of(), saga.sent(Catalog.ORDER_EVENTS));
    }

    @Test
    void shouldRejectACustomerWithoutABillingAddress() {
        givenAShop();
        saga.customer("ada", ADDRESS, null);

        saga.checkout("o-1", "ada", "widget", 1);

        assertEquals("the customer has no billing address", saga.checkoutOf("o-1").getReason());
        assertEquals(10_000, saga.accountOf("ada").getBalance());
        assertNothingHeldOrReserved();
    }

    @Test
    void shouldRejectACustomerWithoutAnyAddress() {
        givenAShop();
        saga.customer("ada", null, null);

        saga.checkout("o-1", "ada", "widget", 1);

        assertEquals("the customer has no shipping and billing address", saga.checkoutOf("o-1").getReason());
        assertNothingHeldOrReserved();
    }

    @Test
    void shouldRejectARequestWithAProductOnTwoLinesWithoutSendingAnything() {
        givenAShop();

        saga.checkout("o-1", "ada", "widget", 1, "widget", 2);

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals("widget: the product is on two lines", checkout.getReason());
        assertEquals(List.of("RESERVING requested: 2 lines", "REJECTED rejected: widget: the product is on two lines"),
                history(checkout));
        assertEquals(List.of(), saga.commands(Catalog.INVENTORY_COMMANDS));
    }

    @Test
    void shouldRejectAnAmountThatDoesNotFitInALongAndReleaseTheStock() {
        givenAShop();
        saga.product("jewel", "Jewel", Long.MAX_VALUE / 2);
        saga.adjustStock("jewel", 3);

        saga.checkout("o-1", "ada", "jewel", 3);

        assertEquals("the amount is too large", saga.checkoutOf("o-1").getReason());
        assertEquals(0, saga.stockOf("jewel").getReserved());
        assertNothingHeldOrReserved();
    }

    // ---- a step does not answer -----------------------------------------------------------------------------

    @Test
    void shouldTimeOutWhileReservingAndReleaseEveryLineThenUndoALateReservation() {
        saga = SagaDriver.parts(stateDir, (checkout, topology) -> checkout.addCheckoutProcess(topology));
        saga.checkout("o-1", "ada", "widget", 2, "gadget", 1);
        assertEquals(List.of("widget ReserveStock", "gadget ReserveStock"), saga.commands(Catalog.INVENTORY_COMMANDS));
        saga.reply("o-1", new StockReserved("widget", 2, 150L, "Widget"));

        // not yet
        saga.advance(STEP_TIMEOUT.minusSeconds(1));
        assertEquals(RESERVING, saga.checkoutOf("o-1").getState());

        // when the deadline passes
        saga.advance(Duration.ofSeconds(2));

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(REJECTED, checkout.getState());
        assertEquals("reserve stock did not answer within 10s", checkout.getReason());
        assertEquals(List.of("widget ReleaseStock", "gadget ReleaseStock"), saga.commands(Catalog.INVENTORY_COMMANDS));
        assertEquals(Map.of(), saga.all(Catalog.CHECKOUT_DEADLINES));

        // a late reservation is released, and recorded once
        saga.reply("o-1", new StockReserved("gadget", 1, 1000L, "Gadget"));
        saga.reply("o-1", new StockReserved("gadget", 1, 1000L, "Gadget"));
        assertEquals(List.of("gadget ReleaseStock"), saga.commands(Catalog.INVENTORY_COMMANDS));
        List<String> history = history(saga.checkoutOf("o-1"));
        assertEquals("REJECTED late reply: stock reserved (gadget: 1 × 1000 cents); undone: release stock",
                history.get(history.size() - 1));
        assertEquals(1, history.stream().filter(entry -> entry.contains("late reply")).count());
        assertEquals(states(RESERVING, REJECTED), states(saga.checkoutOf("o-1")));
    }

    @Test
    void shouldTimeOutWhileAuthorizingAndVoidThePaymentAndReleaseTheStockThenUndoALateHold() {
        givenNoAccounts();
        saga.checkout("o-1", "ada", "widget", 4);
        assertEquals(AUTHORIZING, saga.checkoutOf("o-1").getState());
        assertEquals(4, saga.stockOf("widget").getReserved());
        assertEquals(List.of("ada AuthorizePayment"), saga.commands(Catalog.ACCOUNT_COMMANDS));

        saga.advance(STEP_TIMEOUT.plusSeconds(1));

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals("authorize payment did not answer within 10s", checkout.getReason());
        assertEquals(states(RESERVING, AUTHORIZING, REJECTED), states(checkout));
        assertEquals(List.of("ada VoidPayment"), saga.commands(Catalog.ACCOUNT_COMMANDS));
        assertEquals(0, saga.stockOf("widget").getReserved());
        assertEquals(10, saga.stockOf("widget").getOnHand());

        saga.reply("o-1", new PaymentAuthorized(600L));
        assertEquals(List.of("ada VoidPayment"), saga.commands(Catalog.ACCOUNT_COMMANDS));
        assertTrue(history(saga.checkoutOf("o-1")).contains(
                "REJECTED late reply: payment authorized (600 cents held); undone: void payment"));
    }

    @Test
    void shouldTimeOutWhileVerifyingAndVoidThePaymentAndReleaseTheStock() {
        givenNoAccounts();
        saga.checkout("o-1", "ada", "widget", 1);
        saga.reply("o-1", new PaymentAuthorized(150L));
        assertEquals(VERIFYING, saga.checkoutOf("o-1").getState());
        assertEquals(List.of("ada AuthorizePayment", "ada VerifyCustomer"), saga.commands(Catalog.ACCOUNT_COMMANDS));

        saga.advance(STEP_TIMEOUT.plusSeconds(1));

        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals("verify customer did not answer within 10s", checkout.getReason());
        assertEquals(List.of("ada VoidPayment"), saga.commands(Catalog.ACCOUNT_COMMANDS));
        assertEquals(0, saga.stockOf("widget").getReserved());

        // a late verification has nothing to undo
        saga.reply("o-1", new CustomerVerified());
        assertEquals(REJECTED, saga.checkoutOf("o-1").getState());
        assertEquals(List.of(), saga.commands(Catalog.ACCOUNT_COMMANDS));
        assertEquals(List.of(), saga.sent(Catalog.ORDER_EVENTS));
    }

    @Test
    void shouldRestartTheTimeoutWithEveryStep() {
        givenNoAccounts();
        saga.checkout("o-1", "ada", "widget", 1);
        saga.advance(STEP_TIMEOUT.minusSeconds(2));

        saga.reply("o-1", new PaymentAuthorized(150L));
        saga.advance(Duration.ofSeconds(4));

        assertEquals(VERIFYING, saga.checkoutOf("o-1").getState());
        assertEquals(SagaDriver.T0.plus(STEP_TIMEOUT.minusSeconds(2)).plus(STEP_TIMEOUT),
                saga.checkoutOf("o-1").getDeadline());
        assertEquals(1, saga.all(Catalog.CHECKOUT_DEADLINES).size());
    }

    // ---- seen twice -----------------------------------------------------------------------------------------

    @Test
    void shouldIgnoreASecondRequestForTheSameOrderId() {
        givenAShop();
        saga.checkout("o-1", "ada", "widget", 1);
        Checkout first = saga.checkoutOf("o-1");
        saga.sent(Catalog.ORDER_EVENTS);
        saga.commands(Catalog.INVENTORY_COMMANDS);

        saga.checkout("o-1", "ada", "widget", 1);
        saga.checkout("o-1", "ada", "gadget", 1);

        assertEquals(first, saga.checkoutOf("o-1"));
        assertEquals(9, saga.stockOf("widget").getOnHand());
        assertEquals(1, saga.stockOf("gadget").getOnHand());
        assertEquals(10_000 - 150, saga.accountOf("ada").getBalance());
        assertEquals(List.of(), saga.sent(Catalog.ORDER_EVENTS));
        assertEquals(List.of(), saga.commands(Catalog.INVENTORY_COMMANDS));
    }

    @Test
    void shouldApplyAStockCommandSeenTwiceOnce() {
        givenAShop();
        InventoryCommand reserve = new InventoryCommand("o-9", new ReserveStock(3));

        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", reserve);
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", reserve);
        assertEquals(3, saga.stockOf("widget").getReserved());
        List<KeyValue<String, CheckoutReply>> replies = saga.sent(Catalog.CHECKOUT_REPLIES);
        assertEquals(2, replies.size());
        assertEquals(replies.get(0), replies.get(1));

        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-9", new CommitStock()));
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-9", new CommitStock()));
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-9", new ReleaseStock()));
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", reserve);
        assertEquals(0, saga.stockOf("widget").getReserved());
        assertEquals(7, saga.stockOf("widget").getOnHand());

        // a released reservation is not made again
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-8", new ReserveStock(1)));
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-8", new ReleaseStock()));
        saga.sent(Catalog.CHECKOUT_REPLIES);
        saga.pipe(Catalog.INVENTORY_COMMANDS, "widget", new InventoryCommand("o-8", new ReserveStock(1)));
        assertEquals(0, saga.stockOf("widget").getReserved());
        assertEquals(new CheckoutReply(new ReservationRejected("widget", "the reservation was released")),
                saga.sent(Catalog.CHECKOUT_REPLIES).get(0).value);
    }

    @Test
    void shouldApplyAnAccountCommandSeenTwiceOnce() {
        givenAShop();
        AccountCommand authorize = new AccountCommand("o-9", new AuthorizePayment(1000L));

        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", authorize);
        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", authorize);
        assertEquals(1000, saga.accountOf("ada").getHeld());

        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", new AccountCommand("o-9", new CapturePayment()));
        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", new AccountCommand("o-9", new CapturePayment()));
        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", new AccountCommand("o-9", new VoidPayment()));
        saga.pipe(Catalog.ACCOUNT_COMMANDS, "ada", authorize);
        assertEquals(0, saga.accountOf("ada").getHeld());
        assertEquals(9_000, saga.accountOf("ada").getBalance());
    }

    @Test
    void shouldApplyAReplySeenTwiceOnce() {
        saga = SagaDriver.parts(stateDir, (checkout, topology) -> checkout.addCheckoutProcess(topology));
        saga.checkout("o-1", "ada", "widget", 2, "gadget", 1);
        StockReserved widget = new StockReserved("widget", 2, 150L, "Widget");

        saga.reply("o-1", widget);
        Checkout once = saga.checkoutOf("o-1");
        saga.reply("o-1", widget);
        assertEquals(once, saga.checkoutOf("o-1"));

        saga.reply("o-1", new StockReserved("gadget", 1, 1000L, "Gadget"));
        saga.reply("o-1", widget);
        saga.reply("o-1", new PaymentAuthorized(1300L));
        saga.reply("o-1", new PaymentAuthorized(1300L));
        Checkout checkout = saga.checkoutOf("o-1");
        assertEquals(VERIFYING, checkout.getState());
        assertEquals(1300L, checkout.getAmountCents());
        assertEquals(List.of("ada AuthorizePayment", "ada VerifyCustomer"), saga.commands(Catalog.ACCOUNT_COMMANDS));
        assertEquals(2, history(checkout).stream().filter(entry -> entry.contains("stock reserved")).count());
    }

    // ---- stock ----------------------------------------------------------------------------------------------

    @Test
    void shouldApplyOnlyTheUnreservedPartOfAStockRemoval() {
        givenNoAccounts();
        saga.checkout("o-1", "ada", "widget", 7);

        saga.adjustStock("widget", -5);

        ProductStock widget = saga.stockOf("widget");
        assertEquals(7, widget.getOnHand());
        assertEquals(7, widget.getReserved());
        assertEquals(new StockAdjustment(-5L, -3L), widget.getLastAdjustment());

        saga.advance(STEP_TIMEOUT.plusSeconds(1));
        saga.adjustStock("widget", -50);
        assertEquals(0, saga.stockOf("widget").getOnHand());
        assertEquals(new StockAdjustment(-50L, -7L), saga.stockOf("widget").getLastAdjustment());
    }

    @Test
    void shouldKeepStockThatArrivesBeforeItsProductButNotSellIt() {
        saga = SagaDriver.whole(stateDir);
        saga.adjustStock("later", 5);
        saga.customer("ada", ADDRESS, ADDRESS);
        saga.deposit("ada", 10_000);

        saga.checkout("o-1", "ada", "later", 1);
        assertEquals("later: unknown product", saga.checkoutOf("o-1").getReason());

        saga.product("later", "Later", 10);
        saga.checkout("o-2", "ada", "later", 1);
        assertEquals(COMPLETED, saga.checkoutOf("o-2").getState());
        assertEquals(4, saga.stockOf("later").getOnHand());
    }

    // ---- the topology ---------------------------------------------------------------------------------------

    @Test
    void shouldNameEveryNodeOfTheSaga() {
        saga = SagaDriver.whole(stateDir);
        Pattern generated = Pattern.compile("KSTREAM-|KTABLE-");
        List<String> sagaTopics = List.of(Catalog.PRODUCTS, Catalog.STOCK_ADJUSTMENTS, Catalog.DEPOSITS,
                Catalog.CHECKOUTS, Catalog.INVENTORY_COMMANDS.name(), Catalog.ACCOUNT_COMMANDS.name(),
                Catalog.CHECKOUT_REPLIES.name());
        List<String> sagaNodes = saga.topology().describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source source
                        && sagaTopics.stream().anyMatch(source.topicSet()::contains))
                .flatMap(source -> downstream(source).stream())
                .map(TopologyDescription.Node::name)
                .distinct().toList();

        assertEquals(List.of(), sagaNodes.stream().filter(name -> generated.matcher(name).find()).toList());
        assertTrue(sagaNodes.containsAll(List.of("products-source", "inventory-participant",
                "inventory-participant-replies", "accounts-participant", "accounts-participant-replies",
                "checkout-process", "checkout-process-to-orders")), sagaNodes.toString());
        String description = saga.topology().describe().toString();
        for (String store : List.of("products", "stock-reservations", "accounts", "account-holds", "checkouts",
                "checkout-deadlines", "customers")) {
            assertTrue(description.contains(store), store);
        }
    }

    private static List<TopologyDescription.Node> downstream(TopologyDescription.Node node) {
        List<TopologyDescription.Node> all = new ArrayList<>(List.of(node));
        for (TopologyDescription.Node next : node.successors()) {
            all.addAll(downstream(next));
        }
        return all;
    }

    @Test
    void shouldKnowWhichTransitionsAreLegal() {
        Map<CheckoutState, List<CheckoutState>> legal = Arrays.stream(CheckoutState.values())
                .collect(Collectors.toMap(from -> from, from -> Arrays.stream(CheckoutState.values())
                        .filter(to -> CheckoutSteps.isLegal(from, to)).toList()));

        assertEquals(Map.of(
                RESERVING, List.of(AUTHORIZING, REJECTED),
                AUTHORIZING, List.of(VERIFYING, REJECTED),
                VERIFYING, List.of(COMPLETED, REJECTED),
                COMPLETED, List.of(),
                REJECTED, List.of()), legal);
        assertFalse(CheckoutSteps.isLegal(RESERVING, VERIFYING));
    }
}
