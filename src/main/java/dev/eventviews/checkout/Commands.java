package dev.eventviews.checkout;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import dev.eventviews.checkout.Message.Destination;
import dev.eventviews.events.Order;

/** The records the checkout process sends for one checkout, one builder per kind. */
final class Commands {

    private Commands() {
    }

    static List<Message> reserveEveryLine(Checkout checkout) {
        return checkout.getLines().stream()
                .map(line -> inventory(checkout, line.getProductId(), new ReserveStock(line.getQuantity())))
                .toList();
    }

    /**
     * Every line, reserved or not as far as this checkout knows: a reservation whose reply has not arrived yet is
     * released too, since the release reaches the product's partition after the reservation did.
     */
    static List<Message> releaseEveryLine(Checkout checkout) {
        return checkout.getLines().stream()
                .map(line -> inventory(checkout, line.getProductId(), new ReleaseStock()))
                .toList();
    }

    static List<Message> release(Checkout checkout, StockReserved reserved) {
        return List.of(inventory(checkout, reserved.getProductId(), new ReleaseStock()));
    }

    static List<Message> commitEveryLine(Checkout checkout) {
        return checkout.getLines().stream()
                .map(line -> inventory(checkout, line.getProductId(), new CommitStock()))
                .toList();
    }

    static List<Message> authorizePayment(Checkout checkout) {
        return List.of(account(checkout, new AuthorizePayment(checkout.getAmountCents())));
    }

    static List<Message> voidPayment(Checkout checkout) {
        return List.of(account(checkout, new VoidPayment()));
    }

    static List<Message> voidPayment(Checkout checkout, PaymentAuthorized authorized) {
        return voidPayment(checkout);
    }

    static List<Message> capturePayment(Checkout checkout) {
        return List.of(account(checkout, new CapturePayment()));
    }

    static List<Message> verifyCustomer(Checkout checkout) {
        return List.of(account(checkout, new VerifyCustomer()));
    }

    /** The ordinary Order event of a completed checkout: same orderId, its lines summed up as the item name. */
    static List<Message> appendOrder(Checkout checkout, Instant completedAt) {
        String items = checkout.getLines().stream()
                .map(line -> line.getQuantity() + " × " + line.getProductName())
                .collect(Collectors.joining(", "));
        Order order = new Order(checkout.getOrderId(), checkout.getCustomerId(), items, null, completedAt);
        return List.of(new Message(Destination.ORDERS, checkout.getOrderId(), order));
    }

    private static Message inventory(Checkout checkout, String productId, SpecificRecord action) {
        return new Message(Destination.INVENTORY, productId, new InventoryCommand(checkout.getOrderId(), action));
    }

    private static Message account(Checkout checkout, SpecificRecord action) {
        return new Message(Destination.ACCOUNTS, checkout.getCustomerId(),
                new AccountCommand(checkout.getOrderId(), action));
    }
}
