package dev.eventviews.checkout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One step of the checkout saga: the state a checkout is in while the step runs, the commands that start it, what
 * each kind of reply to them does, the compensation that undoes the step, and how a success reply that arrives after
 * the checkout ended is undone. Built like a declaration (see {@link CheckoutSteps}); immutable.
 */
record Step(CheckoutState state, String name, Function<Checkout, List<Message>> action,
        Map<Class<?>, BiFunction<Checkout, Object, Verdict>> replies,
        String compensationName, Function<Checkout, List<Message>> compensation,
        Map<Class<?>, BiFunction<Checkout, Object, List<Message>>> lateReplies) {

    static Step of(CheckoutState state, String name, Function<Checkout, List<Message>> action) {
        return new Step(state, name, action, Map.of(), null, checkout -> List.of(), Map.of());
    }

    /** What a reply of this type does while the step runs. */
    <R> Step onReply(Class<R> type, BiFunction<Checkout, R, Verdict> handler) {
        var all = new HashMap<>(replies);
        all.put(type, (checkout, reply) -> handler.apply(checkout, type.cast(reply)));
        return new Step(state, name, action, Map.copyOf(all), compensationName, compensation, lateReplies);
    }

    Step withCompensation(String compensationName, Function<Checkout, List<Message>> compensation) {
        return new Step(state, name, action, replies, compensationName, compensation, lateReplies);
    }

    /** How a reply of this type that arrives after the checkout ended is undone. */
    <R> Step undoingLate(Class<R> type, BiFunction<Checkout, R, List<Message>> undo) {
        var all = new HashMap<>(lateReplies);
        all.put(type, (checkout, reply) -> undo.apply(checkout, type.cast(reply)));
        return new Step(state, name, action, replies, compensationName, compensation, Map.copyOf(all));
    }

    boolean answeredBy(Class<?> replyType) {
        return replies.containsKey(replyType);
    }

    List<Message> start(Checkout checkout) {
        return action.apply(checkout);
    }

    Verdict apply(Checkout checkout, Object reply) {
        return replies.get(reply.getClass()).apply(checkout, reply);
    }

    boolean compensated() {
        return compensationName != null;
    }

    List<Message> compensate(Checkout checkout) {
        return compensation.apply(checkout);
    }

    /** The commands that undo a late reply; none for a reply that had no effect (a rejection). */
    List<Message> undoLate(Checkout checkout, Object reply) {
        var undo = lateReplies.get(reply.getClass());
        return undo == null ? List.of() : undo.apply(checkout, reply);
    }
}
