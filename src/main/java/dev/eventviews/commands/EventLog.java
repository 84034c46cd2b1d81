package dev.eventviews.commands;

import static dev.eventviews.topology.Catalog.CUSTOMERS;
import static dev.eventviews.topology.Catalog.GREETINGS;
import static dev.eventviews.topology.Catalog.ORDERS;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * The write side: appends events to their topics, keyed by entity id. Each returned {@link Uni} completes only once
 * the broker has acknowledged the record (acks=all, idempotent producer), with the partition and offset it got.
 */
@ApplicationScoped
public class EventLog {

    private final Clock clock = Clock.systemUTC();

    @Inject
    @Channel(CUSTOMERS)
    MutinyEmitter<Record<String, Customer>> customers;

    @Inject
    @Channel(ORDERS)
    MutinyEmitter<Record<String, Order>> orders;

    @Inject
    @Channel(GREETINGS)
    MutinyEmitter<Record<String, Greeting>> greetings;

    public Uni<Appended> saveCustomer(CustomerRequest request) {
        Customer customer = request.toEvent(clock);
        return append(customers, CUSTOMERS, customer.getCustomerId(), customer);
    }

    public Uni<Appended> deleteCustomer(String customerId) {
        return append(customers, CUSTOMERS, customerId, null);
    }

    public Uni<Appended> saveOrder(OrderRequest request) {
        Order order = request.toEvent(clock);
        return append(orders, ORDERS, order.getOrderId(), order);
    }

    public Uni<Appended> deleteOrder(String orderId) {
        return append(orders, ORDERS, orderId, null);
    }

    public Uni<Appended> saveGreeting(GreetingRequest request) {
        Greeting greeting = request.toEvent(clock);
        return append(greetings, GREETINGS, greeting.getId(), greeting);
    }

    /** A null value is a tombstone: it deletes the key from the views. */
    private static <V> Uni<Appended> append(MutinyEmitter<Record<String, V>> emitter, String topic, String key,
            V value) {
        OutgoingMessageMetadata<RecordMetadata> stored = new OutgoingMessageMetadata<>();
        Message<Record<String, V>> message = Message.of(Record.of(key, value)).addMetadata(stored);
        return emitter.sendMessage(message)
                .map(acknowledged -> new Appended(key, topic, stored.getResult().partition(),
                        stored.getResult().offset()))
                .onFailure().transform(EventLogUnavailableException::new);
    }
}
