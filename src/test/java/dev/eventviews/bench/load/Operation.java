package dev.eventviews.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * One unit of load: a request or a record send, started without blocking. It completes when the system under test
 * has answered, exceptionally when the answer is not the expected one.
 */
@FunctionalInterface
public interface Operation {

    /** @param sequence 0, 1, 2, ... in the order the load starts them: picks the data each one carries */
    CompletableFuture<?> start(long sequence);
}
