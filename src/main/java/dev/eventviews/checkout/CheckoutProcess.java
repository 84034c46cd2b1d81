package dev.eventviews.checkout;

import static dev.eventviews.checkout.CheckoutSteps.isFinal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import dev.eventviews.events.CheckoutItem;
import dev.eventviews.events.CheckoutRequested;
import dev.eventviews.topology.Catalog;

/**
 * The orchestrator of the checkout saga ({@link CheckoutSteps}): keeps each checkout, keyed by orderId, in the
 * {@link Catalog#CHECKOUTS_VIEW} store, sends the steps' commands to the participants ({@link Inventory},
 * {@link Accounts}) and moves the checkout on as their replies arrive.
 * <p>
 * A checkout's requests and replies are all keyed by its orderId, so one task handles them in order. A request for
 * an orderId that is already known has no effect (the checkout is written back as it is); so has a reply that was
 * applied before.
 * <p>
 * Timeouts: while a step runs, the checkout's deadline is also a row of the logged
 * {@link Catalog#CHECKOUT_DEADLINES} store, keyed by time, so a wall-clock punctuator finds the overdue ones with one
 * range scan and rejects them. Being logged, the deadlines move with the task: an instance that takes over a
 * partition fires the deadlines it inherits.
 * <p>
 * A completed checkout appends one ordinary {@code Order} event (not one per line) with the checkout's orderId, its
 * customer, its lines summed up as the item name ("2 × Widget, 1 × Gadget") and the completion time as the purchase
 * time, so that the orders, customer-order and customer-orders views show it like any other order. An order written
 * with the same orderId through {@code POST /events/orders} would replace it there, as any later order event does.
 */
final class CheckoutProcess implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(CheckoutProcess.class);
    /** How often overdue checkouts are looked for: a checkout ends at most this long after its deadline. */
    static final Duration DEADLINE_CHECK_INTERVAL = Duration.ofMillis(500);
    /**
     * A run records at most about one entry per line and ten more; late replies are recorded up to this bound,
     * beyond it (only repeated deliveries produce so many) they are undone without a record.
     */
    static final int MAX_HISTORY = 2 * CheckoutRequest.MAX_LINES + 20;

    private final Duration stepTimeout;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Checkout> checkouts;
    private KeyValueStore<String, String> deadlines;

    CheckoutProcess(Duration stepTimeout) {
        this.stepTimeout = stepTimeout;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.checkouts = context.getStateStore(Catalog.CHECKOUTS_VIEW.name());
        this.deadlines = context.getStateStore(Catalog.CHECKOUT_DEADLINES);
        context.schedule(DEADLINE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::rejectOverdue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null) {
            LOG.warnf("Skipped a %s without an orderId", record.value());
        } else if (record.value() instanceof CheckoutRequested requested) {
            request(record.key(), requested, record.timestamp());
        } else if (record.value() instanceof CheckoutReply reply) {
            reply(record.key(), reply.getOutcome(), record.timestamp());
        }
    }

    private void request(String orderId, CheckoutRequested requested, long timestamp) {
        Checkout known = checkouts.get(orderId);
        if (known != null) {
            // Nothing changes, but the store is written, unchanged: a store's position moves only when it is
            // written, and the request's consistency token (which names this record) must become readable.
            checkouts.put(orderId, known);
            return;
        }
        List<CheckoutLine> lines = requested.getLines().stream()
                .map(item -> new CheckoutLine(item.getProductId(), item.getQuantity(), false, null, null))
                .toList();
        Checkout checkout = new Checkout(orderId, requested.getCustomerId(), CheckoutSteps.STEPS.get(0).state(),
                new ArrayList<>(lines), null, null, null, new ArrayList<>());
        record(checkout, checkout.getState(), "requested", lines.size() + (lines.size() == 1 ? " line" : " lines"));
        String problem = problemOf(orderId, requested);
        if (problem != null) {
            finish(checkout, "rejected", problem, List.of(), timestamp);
        } else {
            start(checkout, CheckoutSteps.STEPS.get(0), timestamp);
        }
    }

    /**
     * What makes a request impossible to run. The HTTP request refuses these already; this guards against records
     * written to the topic by other means (two lines of one product would share one reservation).
     */
    private static String problemOf(String orderId, CheckoutRequested requested) {
        if (!orderId.equals(requested.getOrderId())) {
            return "the orderId " + requested.getOrderId() + " is not the record's key " + orderId;
        }
        List<CheckoutItem> lines = requested.getLines();
        if (lines.isEmpty() || lines.size() > CheckoutRequest.MAX_LINES) {
            return "a checkout has 1 to " + CheckoutRequest.MAX_LINES + " lines";
        }
        Set<String> products = new HashSet<>();
        for (CheckoutItem line : lines) {
            if (line.getQuantity() <= 0) {
                return line.getProductId() + ": the quantity must be positive";
            }
            if (!products.add(line.getProductId())) {
                return line.getProductId() + ": the product is on two lines";
            }
        }
        return null;
    }

    private void reply(String orderId, Object outcome, long timestamp) {
        Checkout checkout = checkouts.get(orderId);
        Step step = CheckoutSteps.answeredBy(outcome.getClass());
        if (checkout == null || step == null) {
            LOG.debugf("Ignored a reply to an unknown checkout %s: %s", orderId, outcome);
        } else if (isFinal(checkout.getState())) {
            lateReply(checkout, step, outcome, timestamp);
        } else if (step.state() == checkout.getState()) {
            Verdict verdict = step.apply(checkout, outcome);
            switch (verdict.kind()) {
                case IGNORE -> {
                    // applied before
                }
                case WAIT -> {
                    record(checkout, checkout.getState(), eventOf(outcome), describe(outcome));
                    checkouts.put(orderId, checkout);
                }
                case DONE -> {
                    record(checkout, checkout.getState(), eventOf(outcome), describe(outcome));
                    Step next = CheckoutSteps.after(step);
                    if (next != null) {
                        start(checkout, next, timestamp);
                    } else {
                        complete(checkout, timestamp);
                    }
                }
                case REJECT -> {
                    record(checkout, checkout.getState(), eventOf(outcome), describe(outcome));
                    reject(checkout, "rejected", verdict.reason(), timestamp);
                }
            }
        }
        // else: a reply to an earlier step, seen again; it was applied when the step ran
    }

    /**
     * Undoes what a reply to an ended checkout did (a reservation, a hold) and records it; the same reply seen again
     * changes nothing (undoing is idempotent anyway).
     */
    private void lateReply(Checkout checkout, Step step, Object outcome, long timestamp) {
        List<Message> undo = step.undoLate(checkout, outcome);
        String detail = eventOf(outcome) + inParentheses(outcome)
                + (undo.isEmpty() ? "" : "; undone: " + step.compensationName());
        boolean seen = checkout.getHistory().stream()
                .anyMatch(entry -> entry.getEvent().equals("late reply") && detail.equals(entry.getDetail()));
        if (seen) {
            return;
        }
        if (checkout.getHistory().size() < MAX_HISTORY) {
            record(checkout, checkout.getState(), "late reply", detail);
            checkouts.put(checkout.getOrderId(), checkout);
        }
        send(undo, timestamp);
    }

    private void start(Checkout checkout, Step step, long timestamp) {
        record(checkout, step.state(), step.name(), null);
        setDeadline(checkout, Instant.ofEpochMilli(now()).plus(stepTimeout));
        List<Message> commands = step.start(checkout);
        checkouts.put(checkout.getOrderId(), checkout);
        send(commands, timestamp);
    }

    private void complete(Checkout checkout, long timestamp) {
        Instant now = Instant.ofEpochMilli(now());
        setDeadline(checkout, null);
        record(checkout, CheckoutState.COMPLETED, "completed", "commit stock, capture payment, append order");
        List<Message> completion = CheckoutSteps.complete(checkout, now);
        checkouts.put(checkout.getOrderId(), checkout);
        send(completion, timestamp);
    }

    /** Rejects a running checkout and compensates every step it started, last first. */
    private void reject(Checkout checkout, String event, String reason, long timestamp) {
        finish(checkout, event, reason, CheckoutSteps.startedLastFirst(checkout.getState()), timestamp);
    }

    private void finish(Checkout checkout, String event, String reason, List<Step> toCompensate, long timestamp) {
        setDeadline(checkout, null);
        checkout.setReason(reason);
        record(checkout, CheckoutState.REJECTED, event, reason);
        List<Message> compensations = new ArrayList<>();
        for (Step step : toCompensate) {
            if (step.compensated()) {
                record(checkout, CheckoutState.REJECTED, "compensation", step.compensationName());
                compensations.addAll(step.compensate(checkout));
            }
        }
        checkouts.put(checkout.getOrderId(), checkout);
        send(compensations, timestamp);
    }

    /** The punctuator: rejects every running checkout whose step did not answer by its deadline. */
    private void rejectOverdue(long now) {
        List<KeyValue<String, String>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, String> due = deadlines.range(null, RowKeys.after(now))) {
            due.forEachRemaining(overdue::add);
        }
        for (KeyValue<String, String> deadline : overdue) {
            deadlines.delete(deadline.key);
            Checkout checkout = checkouts.get(deadline.value);
            if (checkout != null && !isFinal(checkout.getState()) && checkout.getDeadline() != null
                    && checkout.getDeadline().toEpochMilli() <= now) {
                String step = CheckoutSteps.stepIn(checkout.getState()).name();
                reject(checkout, "timed out", step + " did not answer within " + format(stepTimeout), now);
            }
        }
    }

    /** Moves the deadline row of a checkout (null: the checkout waits for nothing). */
    private void setDeadline(Checkout checkout, Instant deadline) {
        if (checkout.getDeadline() != null) {
            deadlines.delete(RowKeys.byTime(checkout.getDeadline().toEpochMilli(), checkout.getOrderId()));
        }
        checkout.setDeadline(deadline);
        if (deadline != null) {
            deadlines.put(RowKeys.byTime(deadline.toEpochMilli(), checkout.getOrderId()), checkout.getOrderId());
        }
    }

    /** Appends to the history; the one place where a checkout's state changes, and only by a legal transition. */
    private void record(Checkout checkout, CheckoutState state, String event, String detail) {
        if (state != checkout.getState()) {
            if (!CheckoutSteps.isLegal(checkout.getState(), state)) {
                throw new IllegalStateException("checkout " + checkout.getOrderId() + " cannot go from "
                        + checkout.getState() + " to " + state);
            }
            checkout.setState(state);
        }
        checkout.getHistory().add(new CheckoutEvent(Instant.ofEpochMilli(now()), state, event, detail));
    }

    private void send(List<Message> messages, long timestamp) {
        for (Message message : messages) {
            context.forward(new Record<>(message.key(), message.value(), timestamp), message.to().sink());
        }
    }

    /** Processing time: the history tells when things happened here, and deadlines are on the wall clock. */
    private long now() {
        return context.currentSystemTimeMs();
    }

    /** "StockReserved" -> "stock reserved". */
    private static String eventOf(Object outcome) {
        return outcome.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    private static String describe(Object outcome) {
        if (outcome instanceof StockReserved reserved) {
            return reserved.getProductId() + ": " + reserved.getQuantity() + " × " + reserved.getPriceCents()
                    + " cents";
        } else if (outcome instanceof ReservationRejected rejected) {
            return rejected.getProductId() + ": " + rejected.getReason();
        } else if (outcome instanceof PaymentAuthorized authorized) {
            return authorized.getAmountCents() + " cents held";
        } else if (outcome instanceof PaymentRejected rejected) {
            return rejected.getReason();
        } else if (outcome instanceof CustomerRejected rejected) {
            return rejected.getReason();
        }
        return null;
    }

    private static String inParentheses(Object outcome) {
        String detail = describe(outcome);
        return detail == null ? "" : " (" + detail + ")";
    }

    /** "10s", "1500ms". */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
