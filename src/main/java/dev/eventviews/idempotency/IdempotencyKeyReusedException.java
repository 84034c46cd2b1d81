package dev.eventviews.idempotency;

/** An Idempotency-Key sent again with a different request: the client has a bug, or two clients share keys. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String operation) {
        super("This Idempotency-Key was already used for a different " + operation + " request");
    }
}
