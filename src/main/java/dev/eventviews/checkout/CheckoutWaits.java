package dev.eventviews.checkout;

import static dev.eventviews.checkout.CheckoutSteps.isFinal;
import static dev.eventviews.write.CallersContext.emitOnCallersContext;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.live.ViewChanges;
import dev.eventviews.read.KeyLookup;
import dev.eventviews.read.ReadOptions;
import dev.eventviews.read.ViewReads;
import dev.eventviews.topology.Catalog;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The long poll of {@code GET /store/checkouts/{orderId}?waitFor=terminal&waitMs=}: the checkout as soon as it is
 * COMPLETED or REJECTED, or as it is when {@code waitMs} has passed.
 * <p>
 * It waits for the checkout's change in the live feed of the checkouts view ({@link ViewChanges}), which every
 * instance reads in full, so the wait holds no thread and polls no store, and any instance can wait for any
 * checkout. It subscribes before it reads the checkout, so that an end between the read and the subscription is not
 * missed. The read itself goes where every read goes ({@link ViewReads}), without the wait: the instance asked does
 * not wait a second time.
 */
@ApplicationScoped
public class CheckoutWaits {

    private static final String WAIT_FOR = "waitFor";

    @Inject
    ViewReads reads;

    @Inject
    ViewChanges changes;

    @Inject
    ObjectMapper json;

    /** {@code options.waitForKey()} bounds the whole wait: for the checkout to exist, then to end. */
    Uni<KeyLookup<Checkout>> untilEnded(String orderId, ReadOptions options, URI request) {
        long deadline = System.nanoTime() + options.waitForKey().toNanos();
        URI readOnly = UriBuilder.fromUri(request).replaceQueryParam(WAIT_FOR).build();
        CompletableFuture<Checkout> ended = changes.subscribe(Catalog.CHECKOUTS_VIEW.name()).orElseThrow()
                .select().where(change -> orderId.equals(change.key())
                        && change.value() instanceof Checkout checkout && isFinal(checkout.getState()))
                .map(change -> (Checkout) change.value())
                .toUni().subscribeAsCompletionStage();
        KeyLookup<Checkout> now;
        try {
            now = reads.find(Catalog.CHECKOUTS_VIEW, orderId, options, readOnly);
        } catch (RuntimeException e) {
            ended.cancel(false);
            throw e;
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!running(now) || left.isZero()) {
            ended.cancel(false);
            return Uni.createFrom().item(now);
        }
        ReadOptions again = new ReadOptions(options.token(), Duration.ZERO, options.localOnly());
        return emitOnCallersContext(Uni.createFrom().completionStage(ended)
                .ifNoItem().after(left).recoverWithItem((Checkout) null)
                .onTermination().invoke(() -> ended.cancel(false))
                // Reading a store blocks: not on the thread that timed out or published the change.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // Null: the time ran out (or the feed ended, at shutdown): the checkout as it is now.
                .map(checkout -> checkout != null ? new KeyLookup.Found<>(checkout, null)
                        : reads.find(Catalog.CHECKOUTS_VIEW, orderId, again, readOnly)));
    }

    /** Whether the checkout exists and has not ended (read here, or by the instance that owns it). */
    private boolean running(KeyLookup<Checkout> lookup) {
        if (lookup instanceof KeyLookup.Found<Checkout> found) {
            return !isFinal(found.value().getState());
        }
        if (lookup instanceof KeyLookup.Forwarded<Checkout> forwarded && forwarded.status() == 200) {
            try {
                String state = json.readTree(forwarded.body()).path("state").asText();
                return !CheckoutState.COMPLETED.name().equals(state) && !CheckoutState.REJECTED.name().equals(state);
            } catch (IOException unreadable) {
                return false;
            }
        }
        return false;
    }
}
