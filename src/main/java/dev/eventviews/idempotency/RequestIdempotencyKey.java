package dev.eventviews.idempotency;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The Idempotency-Key header of the current request, if it has one, as the HTTP layer checked it. */
@RequestScoped
public class RequestIdempotencyKey {

    private String key;

    /** @param key a key for which {@link IdempotencyKey#isWellFormed} holds */
    public void set(String key) {
        this.key = key;
    }

    public Optional<String> get() {
        return Optional.ofNullable(key);
    }
}
