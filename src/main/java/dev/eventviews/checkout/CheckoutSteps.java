package dev.eventviews.checkout;

import static dev.eventviews.checkout.CheckoutState.AUTHORIZING;
import static dev.eventviews.checkout.CheckoutState.COMPLETED;
import static dev.eventviews.checkout.CheckoutState.REJECTED;
import static dev.eventviews.checkout.CheckoutState.RESERVING;
import static dev.eventviews.checkout.CheckoutState.VERIFYING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkout saga, declared step by step, each step next to its compensation:
 *
 * <pre>
 * state        step               participant  done when                    compensation
 * RESERVING    reserve stock      inventory    every line is reserved       release stock (every line)
 * AUTHORIZING  authorize payment  accounts     the amount is held           void payment
 * VERIFYING    verify customer    accounts     it exists, with 2 addresses  -
 * COMPLETED    complete: commit stock (every line), capture payment, append the Order
 * </pre>
 *
 * A step that fails, or does not answer within the step timeout, rejects the checkout, and the compensations of
 * every step started so far run in reverse order. A compensation may reach a participant on whom its step had no
 * effect (a rejected reservation, a reservation not made yet); it then changes nothing, which is what makes it safe
 * to send without knowing. It cannot overtake its step's command: both go to the same partition of the same topic
 * (keyed by productId or customerId), from the same task, in that order.
 * <p>
 * A success reply that arrives after the checkout ended is undone (a late reservation released, a late hold voided).
 */
final class CheckoutSteps {

    static final Step RESERVE_STOCK = Step.of(RESERVING, "reserve stock", Commands::reserveEveryLine)
            .onReply(StockReserved.class, CheckoutSteps::lineReserved)
            .onReply(ReservationRejected.class,
                    (checkout, reply) -> Verdict.reject(reply.getProductId() + ": " + reply.getReason()))
            .withCompensation("release stock", Commands::releaseEveryLine)
            .undoingLate(StockReserved.class, Commands::release);

    static final Step AUTHORIZE_PAYMENT = Step.of(AUTHORIZING, "authorize payment", Commands::authorizePayment)
            .onReply(PaymentAuthorized.class, (checkout, reply) -> Verdict.DONE)
            .onReply(PaymentRejected.class, (checkout, reply) -> Verdict.reject(reply.getReason()))
            .withCompensation("void payment", Commands::voidPayment)
            .undoingLate(PaymentAuthorized.class, Commands::voidPayment);

    static final Step VERIFY_CUSTOMER = Step.of(VERIFYING, "verify customer", Commands::verifyCustomer)
            .onReply(CustomerVerified.class, (checkout, reply) -> Verdict.DONE)
            .onReply(CustomerRejected.class, (checkout, reply) -> Verdict.reject(reply.getReason()));

    static final List<Step> STEPS = List.of(RESERVE_STOCK, AUTHORIZE_PAYMENT, VERIFY_CUSTOMER);

    /** What a checkout whose every step succeeded does. */
    static List<Message> complete(Checkout checkout, Instant at) {
        return Stream.of(Commands.commitEveryLine(checkout), Commands.capturePayment(checkout),
                Commands.appendOrder(checkout, at)).flatMap(List::stream).toList();
    }

    private CheckoutSteps() {
    }

    /**
     * The only transitions: from one step's state to the next one's, from the last to COMPLETED, and from any
     * step's state to REJECTED. COMPLETED and REJECTED are final.
     */
    static boolean isLegal(CheckoutState from, CheckoutState to) {
        if (isFinal(from)) {
            return false;
        }
        int index = indexOf(from);
        return to == REJECTED || to == (index + 1 < STEPS.size() ? STEPS.get(index + 1).state() : COMPLETED);
    }

    static boolean isFinal(CheckoutState state) {
        return state == COMPLETED || state == REJECTED;
    }

    /** The step a running checkout is in. */
    static Step stepIn(CheckoutState state) {
        return STEPS.get(indexOf(state));
    }

    /** The step after the one a running checkout is in, or null after the last. */
    static Step after(Step step) {
        int index = STEPS.indexOf(step);
        return index + 1 < STEPS.size() ? STEPS.get(index + 1) : null;
    }

    /** The steps whose commands a running checkout has sent, last first: the compensations' order. */
    static List<Step> startedLastFirst(CheckoutState state) {
        List<Step> started = new ArrayList<>(STEPS.subList(0, indexOf(state) + 1));
        Collections.reverse(started);
        return started;
    }

    /** The step whose commands a reply of this type answers, or null for a type no step expects. */
    static Step answeredBy(Class<?> replyType) {
        return STEPS.stream().filter(step -> step.answeredBy(replyType)).findFirst().orElse(null);
    }

    private static int indexOf(CheckoutState running) {
        for (int i = 0; i < STEPS.size(); i++) {
            if (STEPS.get(i).state() == running) {
                return i;
            }
        }
        throw new IllegalArgumentException(running + " is not a step's state");
    }

    /** Marks the line reserved at the reply's price; once every line is, the amount is known and the step done. */
    private static Verdict lineReserved(Checkout checkout, StockReserved reply) {
        CheckoutLine line = checkout.getLines().stream()
                .filter(candidate -> candidate.getProductId().equals(reply.getProductId()))
                .findFirst().orElse(null);
        if (line == null || line.getReserved()) {
            return Verdict.IGNORE;
        }
        line.setReserved(true);
        line.setPriceCents(reply.getPriceCents());
        line.setProductName(reply.getProductName());
        if (!checkout.getLines().stream().allMatch(CheckoutLine::getReserved)) {
            return Verdict.WAIT;
        }
        try {
            long amount = 0;
            for (CheckoutLine reserved : checkout.getLines()) {
                amount = Math.addExact(amount, Math.multiplyExact(reserved.getQuantity(), reserved.getPriceCents()));
            }
            checkout.setAmountCents(amount);
            return Verdict.DONE;
        } catch (ArithmeticException e) {
            return Verdict.reject("the amount is too large");
        }
    }
}
