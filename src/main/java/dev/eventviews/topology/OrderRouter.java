package dev.eventviews.topology;

import java.util.Objects;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import dev.eventviews.events.Order;
import dev.eventviews.views.OrderRowChange;

/**
 * Keeps the latest order per orderId in the {@link Catalog#ORDERS_VIEW} store (a tombstone deletes it), and sends
 * each change of an order's row to the customer it belongs to, keyed by customerId: the order to its current
 * customer, and a removal to its previous customer when the order was deleted or moved to another customer.
 * <p>
 * The previous version comes from the store, so a redelivered event, equal to what is stored, sends nothing.
 */
final class OrderRouter implements Processor<String, Order, String, OrderRowChange> {

    private static final Logger LOG = Logger.getLogger(OrderRouter.class);

    private ProcessorContext<String, OrderRowChange> context;
    private TimestampedKeyValueStore<String, Order> orders;

    @Override
    public void init(ProcessorContext<String, OrderRowChange> context) {
        this.context = context;
        this.orders = context.getStateStore(Catalog.ORDERS_VIEW.name());
    }

    @Override
    public void process(Record<String, Order> event) {
        String orderId = event.key();
        if (orderId == null) {
            return; // a null key cannot be stored; the write side never sends one
        }
        Order previous = ValueAndTimestamp.getValueOrNull(orders.get(orderId));
        Order current = event.value();
        if (Objects.equals(previous, current)) {
            return;
        }
        if (current == null) {
            orders.delete(orderId);
        } else {
            orders.put(orderId, ValueAndTimestamp.make(current, event.timestamp()));
        }
        if (previous != null && (current == null || !previous.getCustomerId().equals(current.getCustomerId()))) {
            send(event, previous.getCustomerId(), new OrderRowChange(orderId, null));
        }
        if (current != null) {
            send(event, current.getCustomerId(), new OrderRowChange(orderId, current));
        }
    }

    private void send(Record<String, Order> event, String customerId, OrderRowChange change) {
        if (!CustomerOrderKey.fits(customerId) || !CustomerOrderKey.fits(change.getOrderId())) {
            // Only an event written around the API's id rule gets here; it stays in the orders view only.
            LOG.warnf("Order %s of customer %s is left out of customer-orders: its ids do not fit a row key",
                    change.getOrderId(), customerId);
            return;
        }
        context.forward(event.withKey(customerId).withValue(change));
    }
}
