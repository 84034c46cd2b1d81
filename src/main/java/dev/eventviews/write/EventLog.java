package dev.eventviews.write;

import static dev.eventviews.topology.Catalog.CHECKOUTS;
import static dev.eventviews.topology.Catalog.CUSTOMERS;
import static dev.eventviews.topology.Catalog.DEPOSITS;
import static dev.eventviews.topology.Catalog.GREETINGS;
import static dev.eventviews.topology.Catalog.ORDERS;
import static dev.eventviews.topology.Catalog.PRODUCTS;
import static dev.eventviews.topology.Catalog.STOCK_ADJUSTMENTS;
import static dev.eventviews.write.CallersContext.emitOnCallersContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.events.CheckoutRequested;
import dev.eventviews.events.Customer;
import dev.eventviews.events.Deposit;
import dev.eventviews.events.Greeting;
import dev.eventviews.events.Order;
import dev.eventviews.events.Product;
import dev.eventviews.events.StockAdjusted;
import dev.eventviews.idempotency.IdempotencyKey;
import dev.eventviews.idempotency.IdempotentWrites;
import dev.eventviews.idempotency.RequestIdempotencyKey;
import dev.eventviews.registry.SchemaRegistryFailures;
import dev.eventviews.registry.SchemaRegistryUnavailableException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The write side: appends events to their topics, keyed by entity id. Each returned {@link Uni} completes only once
 * the broker has acknowledged the record (acks=all, idempotent producer), with the partition and offset it got, or
 * fails within the write timeout ({@code eventviews.write-timeout}). A write with an Idempotency-Key runs at most
 * once ({@link IdempotentWrites}).
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

    @Inject
    @Channel(PRODUCTS)
    MutinyEmitter<Record<String, Product>> products;

    @Inject
    @Channel(STOCK_ADJUSTMENTS)
    MutinyEmitter<Record<String, StockAdjusted>> stockAdjustments;

    @Inject
    @Channel(DEPOSITS)
    MutinyEmitter<Record<String, Deposit>> deposits;

    @Inject
    @Channel(CHECKOUTS)
    MutinyEmitter<Record<String, CheckoutRequested>> checkouts;

    @Inject
    RequestIdempotencyKey idempotencyKey;

    @Inject
    IdempotentWrites idempotentWrites;

    @Inject
    ObjectMapper json;

    @Inject
    KafkaClientService kafkaClients;

    @Inject
    EventViewsConfig config;

    /** Set when shutdown begins, before the HTTP server drains its requests: no write starts after that. */
    private volatile boolean shuttingDown;

    /**
     * The HTTP server waits for the requests in flight when shutdown begins, but goes on serving until they are done,
     * and closes its connections right after: a write that started then could be stored and never answered. So
     * writes are refused from the start of shutdown (the pre-shutdown phase, {@code quarkus.shutdown.delay-enabled}).
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
    }

    /** An event ready to append: the emitter of its topic, its key, and its value (null for a tombstone). */
    private record Event<V>(MutinyEmitter<Record<String, V>> emitter, String topic, String key, V value) {
    }

    public Uni<Appended> saveCustomer(CustomerRequest request) {
        return write("POST /events/customers", request, newId -> {
            Customer customer = request.toEvent(newId);
            return new Event<>(customers, CUSTOMERS, customer.getCustomerId(), customer);
        });
    }

    /** A bulk write of customers: see {@link #writeAll}. */
    public Uni<List<CompletableFuture<Appended>>> saveCustomers(List<CustomerRequest> requests) {
        return writeAll("POST /events/customers", requests, (request, newId) -> {
            Customer customer = request.toEvent(newId);
            return new Event<>(customers, CUSTOMERS, customer.getCustomerId(), customer);
        });
    }

    public Uni<Appended> deleteCustomer(String customerId) {
        return write("DELETE /events/customers", customerId,
                newId -> new Event<>(customers, CUSTOMERS, customerId, null));
    }

    public Uni<Appended> saveOrder(OrderRequest request) {
        return write("POST /events/orders", request, newId -> {
            Order order = request.toEvent(clock, newId);
            return new Event<>(orders, ORDERS, order.getOrderId(), order);
        });
    }

    /** A bulk write of orders: see {@link #writeAll}. */
    public Uni<List<CompletableFuture<Appended>>> saveOrders(List<OrderRequest> requests) {
        return writeAll("POST /events/orders", requests, (request, newId) -> {
            Order order = request.toEvent(clock, newId);
            return new Event<>(orders, ORDERS, order.getOrderId(), order);
        });
    }

    public Uni<Appended> deleteOrder(String orderId) {
        return write("DELETE /events/orders", orderId, newId -> new Event<>(orders, ORDERS, orderId, null));
    }

    public Uni<Appended> saveGreeting(GreetingRequest request) {
        return write("POST /events/greetings", request, newId -> {
            Greeting greeting = request.toEvent(clock, newId);
            return new Event<>(greetings, GREETINGS, greeting.getId(), greeting);
        });
    }

    public Uni<Appended> saveProduct(Product product) {
        return write("POST /events/products", product,
                newId -> new Event<>(products, PRODUCTS, product.getProductId(), product));
    }

    /** The adjustment names its product, so one key sent for two products is refused as a reuse. */
    public Uni<Appended> adjustStock(StockAdjusted adjustment) {
        return write("POST /events/products/stock", adjustment,
                newId -> new Event<>(stockAdjustments, STOCK_ADJUSTMENTS, adjustment.getProductId(), adjustment));
    }

    public Uni<Appended> deposit(Deposit deposit) {
        return write("POST /events/customers/deposits", deposit,
                newId -> new Event<>(deposits, DEPOSITS, deposit.getCustomerId(), deposit));
    }

    /**
     * Asks for a checkout. Without an orderId in the request, {@code event} takes one from the id source it is
     * given: with an Idempotency-Key, the id derived from it, so a retry whose first attempt was stored asks for the
     * same checkout again, which the saga ignores.
     */
    public Uni<Appended> requestCheckout(Object request, Function<Supplier<String>, CheckoutRequested> event) {
        return write("POST /checkout", request, newId -> {
            CheckoutRequested requested = event.apply(newId);
            return new Event<>(checkouts, CHECKOUTS, requested.getOrderId(), requested);
        });
    }

    /**
     * @param operation names the endpoint, which scopes an idempotency key
     * @param request what the client asked for (a body or an id): its fingerprint tells a retry from a reuse
     * @param event makes the event, given where an id the client did not send comes from
     * @return completes on the caller's Vert.x context (see {@link dev.eventviews.write.CallersContext})
     */
    private Uni<Appended> write(String operation, Object request, Function<Supplier<String>, Event<?>> event) {
        if (shuttingDown) {
            return Uni.createFrom().failure(shuttingDown());
        }
        Optional<String> clientKey = idempotencyKey.get();
        if (clientKey.isEmpty()) {
            return emitOnCallersContext(append(event.apply(this::newId), List.of()));
        }
        IdempotencyKey key = new IdempotencyKey(operation, clientKey.get());
        String fingerprint = key.fingerprint(canonical(request));
        return emitOnCallersContext(idempotentWrites.once(key, fingerprint,
                () -> append(event.apply(key::derivedId), key.headers(fingerprint))));
    }

    /**
     * The bulk counterpart of {@link #write}: one acknowledgement per request, in order. With an Idempotency-Key,
     * each item is written at most once ({@link IdempotentWrites#onceEach}).
     */
    private <R, V> Uni<List<CompletableFuture<Appended>>> writeAll(String operation, List<R> requests,
            BiFunction<R, Supplier<String>, Event<V>> event) {
        Optional<String> clientKey = idempotencyKey.get();
        if (clientKey.isEmpty()) {
            return Uni.createFrom().item(() -> appendAll(requests.stream()
                    .map(request -> event.apply(request, this::newId)).toList(), List.of()));
        }
        IdempotencyKey batch = new IdempotencyKey(operation, clientKey.get());
        String fingerprint = batch.fingerprint(canonical(requests));
        List<IdempotencyKey> keys = IntStream.range(0, requests.size()).mapToObj(batch::item).toList();
        return idempotentWrites.onceEach(keys, fingerprint, missing -> appendAll(
                missing.stream().map(i -> event.apply(requests.get(i), keys.get(i)::derivedId)).toList(),
                missing.stream().map(i -> keys.get(i).headers(fingerprint)).toList()));
    }

    /** A null value is a tombstone: it deletes the key from the views. */
    private <V> Uni<Appended> append(Event<V> event, List<RecordHeader> headers) {
        OutgoingMessageMetadata<RecordMetadata> stored = new OutgoingMessageMetadata<>();
        Message<Record<String, V>> message = Message.of(Record.of(event.key(), event.value()))
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build())
                .addMetadata(stored);
        return Uni.createFrom().deferred(() -> event.emitter().sendMessage(message))
                // Sending runs the serializer (which may ask the schema registry) and may wait for topic metadata
                // (up to max.block.ms): never on the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(EventLog::unavailable)
                .ifNoItem().after(config.writeTimeout()).failWith(this::notAcknowledged)
                .map(acknowledged -> new Appended(event.key(), event.topic(), stored.getResult().partition(),
                        stored.getResult().offset()));
    }

    /**
     * Appends many events of one topic, as fast as the producer takes them: all of them are handed to the channel's
     * producer in one step on its sending thread (where the emitter's sends run too, so the order of writes is kept),
     * and it batches them. The per-event machinery of an emitter send (a reactive pipeline, a worker hop and a timer
     * for each event) cost more than the send itself at bulk rates. Each future completes once its own event is
     * acknowledged, or fails with an {@link EventLogUnavailableException} within the write timeout.
     *
     * @param headers each event's idempotency headers, or empty when no event has any
     */
    private <V> List<CompletableFuture<Appended>> appendAll(List<Event<V>> events,
            List<List<RecordHeader>> headers) {
        List<CompletableFuture<RecordMetadata>> acknowledgements = events.stream()
                .map(event -> new CompletableFuture<RecordMetadata>()).toList();
        if (shuttingDown) {
            acknowledgements.forEach(acknowledgement -> acknowledgement.completeExceptionally(shuttingDown()));
        } else if (!events.isEmpty()) {
            expireTogether(acknowledgements);
            KafkaProducer<String, V> producer = kafkaClients.getProducer(events.get(0).topic());
            producer.runOnSendingThread(kafka -> {
                for (int i = 0; i < events.size(); i++) {
                    // A send may block (up to max.block.ms) while the broker is away: once the deadline has failed
                    // the rest of the batch, sending them would only hold up the writes queued behind this one.
                    if (!acknowledgements.get(i).isDone()) {
                        send(kafka, events.get(i), headers.isEmpty() ? List.of() : headers.get(i),
                                acknowledgements.get(i));
                    }
                }
            }).subscribe().with(sent -> {
            }, failure -> acknowledgements.forEach(acknowledgement -> acknowledgement.completeExceptionally(failure)));
        }
        List<CompletableFuture<Appended>> appended = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event<V> event = events.get(i);
            appended.add(acknowledgements.get(i).handle((metadata, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    throw cause instanceof TimeoutException ? notAcknowledged() : unavailable(cause);
                }
                return new Appended(event.key(), event.topic(), metadata.partition(), metadata.offset());
            }));
        }
        return appended;
    }

    /**
     * One deadline for the whole batch, the write timeout from now: what is not acknowledged by then fails. A timer
     * per event showed in the bulk profile (scheduling and cancelling 200 of them per request).
     */
    private void expireTogether(List<CompletableFuture<RecordMetadata>> acknowledgements) {
        ScheduledFuture<?> deadline = Infrastructure.getDefaultWorkerPool().schedule(
                () -> acknowledgements.forEach(acknowledgement -> acknowledgement.completeExceptionally(
                        new TimeoutException())),
                config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                .whenComplete((settled, failure) -> deadline.cancel(false));
    }

    /** The serializer runs in {@code send} and may throw there: that fails this event only. */
    private static <V> void send(Producer<String, V> kafka, Event<V> event, List<RecordHeader> headers,
            CompletableFuture<RecordMetadata> acknowledgement) {
        try {
            kafka.send(new ProducerRecord<>(event.topic(), null, event.key(), event.value(),
                    List.<Header> copyOf(headers)), (metadata, failure) -> {
                if (failure != null) {
                    acknowledgement.completeExceptionally(failure);
                } else {
                    acknowledgement.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acknowledgement.completeExceptionally(e);
        }
    }

    private EventLogUnavailableException notAcknowledged() {
        return new EventLogUnavailableException(
                new TimeoutException("no acknowledgement within " + config.writeTimeout().toMillis() + " ms"));
    }

    private String newId() {
        return TimeOrderedIds.next(clock);
    }

    private static EventLogUnavailableException shuttingDown() {
        return new EventLogUnavailableException("Shutting down",
                "This instance is shutting down; nothing was stored. Retry later", "Write refused: shutting down",
                null);
    }

    /**
     * The serializer runs before anything is sent, and asks the registry for the schema's id: a failure that
     * involves the registry means nothing was sent. Anything else is the broker's.
     */
    private static EventLogUnavailableException unavailable(Throwable failure) {
        return SchemaRegistryFailures.involved(failure) ? new SchemaRegistryUnavailableException(failure)
                : new EventLogUnavailableException(failure);
    }

    /** The request as JSON, field by field: the same request gives the same bytes, however the client spaced it. */
    private byte[] canonical(Object request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated request is always serializable", e);
        }
    }
}
