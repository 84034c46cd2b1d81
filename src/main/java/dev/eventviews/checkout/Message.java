package dev.eventviews.checkout;

import org.apache.avro.specific.SpecificRecord;

import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.Topic;

/** A record that the checkout process sends: a command to a participant, or the completed order. */
record Message(Destination to, String key, SpecificRecord value) {

    /** Where the checkout process sends records: one sink node per topic. */
    enum Destination {
        INVENTORY(Catalog.INVENTORY_COMMANDS),
        ACCOUNTS(Catalog.ACCOUNT_COMMANDS),
        ORDERS(Catalog.ORDER_EVENTS);

        final Topic<? extends SpecificRecord> topic;

        Destination(Topic<? extends SpecificRecord> topic) {
            this.topic = topic;
        }

        /** The name of the sink node that writes to this destination's topic. */
        String sink() {
            return "checkout-process-to-" + topic.name();
        }
    }
}
