package dev.eventviews.checkout;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import dev.eventviews.events.Product;
import dev.eventviews.events.StockAdjusted;
import dev.eventviews.topology.Catalog;

/**
 * The stock participant of the checkout saga. It alone changes the {@link Catalog#PRODUCTS_VIEW} (units on hand and
 * reserved per product) and the {@link Catalog#RESERVATIONS_VIEW} rows, from products, stock adjustments and the
 * saga's inventory commands, all keyed by productId and co-partitioned. So every change to one product's stock is
 * applied one after another by the one task that owns the product's partition, under exactly-once processing: two
 * checkouts cannot both take the last unit, on one instance or across instances.
 * <p>
 * {@code 0 <= reserved <= onHand} always: a reservation takes only available units ({@code onHand - reserved}), a
 * removal of stock takes only units that are not reserved, and a commit takes units that were reserved.
 * <p>
 * Commands are idempotent. A reservation is one row per product and order that stays, with its status, once it is
 * committed or released: the same command seen again gives the same answer and changes nothing.
 */
final class Inventory implements Processor<String, SpecificRecord, String, CheckoutReply> {

    private static final Logger LOG = Logger.getLogger(Inventory.class);

    private ProcessorContext<String, CheckoutReply> context;
    private KeyValueStore<String, ProductStock> stock;
    private KeyValueStore<String, Reservation> reservations;

    @Override
    public void init(ProcessorContext<String, CheckoutReply> context) {
        this.context = context;
        this.stock = context.getStateStore(Catalog.PRODUCTS_VIEW.name());
        this.reservations = context.getStateStore(Catalog.RESERVATIONS_VIEW.name());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String productId = record.key();
        if (productId == null) {
            LOG.warnf("Skipped a %s without a productId", record.value());
        } else if (record.value() instanceof Product product) {
            describe(productId, product);
        } else if (record.value() instanceof StockAdjusted adjustment) {
            adjust(productId, adjustment.getDelta());
        } else if (record.value() instanceof InventoryCommand command) {
            CheckoutReply reply = handle(productId, command);
            if (reply != null) {
                context.forward(record.withKey(command.getOrderId()).withValue(reply));
            }
        }
        // A null (tombstone) changes nothing: a product is not deleted while reservations may refer to it.
    }

    private void describe(String productId, Product product) {
        ProductStock current = stockOf(productId);
        current.setName(product.getName());
        current.setPriceCents(product.getPriceCents());
        stock.put(productId, current);
    }

    /** Applies as much of the delta as keeps {@code reserved <= onHand} (and onHand within a long). */
    private void adjust(String productId, long delta) {
        ProductStock current = stockOf(productId);
        long applied = delta >= 0
                ? Math.min(delta, Long.MAX_VALUE - current.getOnHand())
                : Math.max(delta, current.getReserved() - current.getOnHand());
        current.setOnHand(current.getOnHand() + applied);
        current.setLastAdjustment(new StockAdjustment(delta, applied));
        stock.put(productId, current);
    }

    private CheckoutReply handle(String productId, InventoryCommand command) {
        String key = RowKeys.of(productId, command.getOrderId());
        Reservation reservation = reservations.get(key);
        Object action = command.getAction();
        if (action instanceof ReserveStock reserve) {
            return reservation == null
                    ? reserve(productId, command.getOrderId(), reserve.getQuantity())
                    : answerAgain(reservation);
        }
        if (reservation != null && reservation.getStatus() == ReservationStatus.HELD) {
            boolean commit = action instanceof CommitStock;
            ProductStock current = stock.get(productId);
            current.setReserved(current.getReserved() - reservation.getQuantity());
            if (commit) {
                current.setOnHand(current.getOnHand() - reservation.getQuantity());
            }
            stock.put(productId, current);
            reservation.setStatus(commit ? ReservationStatus.COMMITTED : ReservationStatus.RELEASED);
            reservations.put(key, reservation);
        }
        return null;
    }

    private CheckoutReply reserve(String productId, String orderId, int quantity) {
        ProductStock current = stock.get(productId);
        if (current == null || current.getPriceCents() == null) {
            return rejected(productId, "unknown product");
        }
        if (current.getPriceCents() < 0) {
            return rejected(productId, "the product has no valid price");
        }
        if (quantity <= 0) {
            return rejected(productId, "the quantity must be positive");
        }
        long available = current.getOnHand() - current.getReserved();
        if (available < quantity) {
            return rejected(productId, "not enough stock: " + available + " available");
        }
        current.setReserved(current.getReserved() + quantity);
        stock.put(productId, current);
        reservations.put(RowKeys.of(productId, orderId),
                new Reservation(productId, orderId, quantity, current.getPriceCents(), ReservationStatus.HELD));
        return new CheckoutReply(new StockReserved(productId, quantity, current.getPriceCents(), current.getName()));
    }

    /** The answer to a reservation made before; a released one is not made again. */
    private CheckoutReply answerAgain(Reservation reservation) {
        if (reservation.getStatus() == ReservationStatus.RELEASED) {
            return rejected(reservation.getProductId(), "the reservation was released");
        }
        String name = stock.get(reservation.getProductId()).getName();
        return new CheckoutReply(new StockReserved(reservation.getProductId(), reservation.getQuantity(),
                reservation.getPriceCents(), name));
    }

    private ProductStock stockOf(String productId) {
        ProductStock current = stock.get(productId);
        return current != null ? current : new ProductStock(productId, null, null, 0L, 0L, null);
    }

    private static CheckoutReply rejected(String productId, String reason) {
        return new CheckoutReply(new ReservationRejected(productId, reason));
    }
}
