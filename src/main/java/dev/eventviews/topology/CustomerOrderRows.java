package dev.eventviews.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.eventviews.events.Order;
import dev.eventviews.views.OrderRowChange;

/**
 * Applies the row changes sent by {@link OrderRouter} to {@link Catalog#CUSTOMER_ORDER_ROWS}: one row per order,
 * keyed by {@link CustomerOrderKey} (customer, then order), holding the order only. Rows are kept whether or not
 * the customer exists: the customer is joined when the rows are read, from the customers store of the same task.
 */
final class CustomerOrderRows implements Processor<String, OrderRowChange, Void, Void> {

    private KeyValueStore<String, Order> rows;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.rows = context.getStateStore(Catalog.CUSTOMER_ORDER_ROWS.name());
    }

    @Override
    public void process(Record<String, OrderRowChange> change) {
        String key = CustomerOrderKey.of(change.key(), change.value().getOrderId());
        Order order = change.value().getOrder();
        if (order == null) {
            rows.delete(key);
        } else {
            rows.put(key, order);
        }
    }
}
