package dev.eventviews.write;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hands the outcome of a write back on the Vert.x context of the request that asked for it, whatever thread finished
 * the write.
 * <p>
 * Why: ArC keeps the CDI request context of a request in the request's duplicated Vert.x context, and Mutiny's context
 * propagation wraps every subscriber callback: it activates the captured request context before the callback and
 * deactivates it after. The callback of a write resumes the REST handler chain, which activates the request context
 * again for the response filters (RESTEasy Reactive then sets Quarkus' request-scoped {@code CurrentVertxRequest}). A
 * write that ends on another thread while that thread carries the same duplicated context could deactivate it
 * between the two steps: a {@code ContextNotActiveException} in {@code ResourceResponseFilterHandler}, a 500.
 * Delivered on the request's own context, the callback and the rest of the request run one after the other, on one
 * thread, whichever thread (worker, producer callback, a write shared by two requests) finished the write.
 */
public final class CallersContext {

    private CallersContext() {
    }

    /** Emits on the caller's Vert.x context; unchanged when called outside one. Call it where the request runs. */
    public static <T> Uni<T> emitOnCallersContext(Uni<T> uni) {
        Context caller = Vertx.currentContext();
        return caller == null ? uni : uni.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
