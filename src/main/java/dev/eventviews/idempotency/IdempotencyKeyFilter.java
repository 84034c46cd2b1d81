package dev.eventviews.idempotency;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.eventviews.http.Headers;


/** Hands a request's Idempotency-Key header to the write side, once its shape is checked (400 otherwise). */
public class IdempotencyKeyFilter {

    @Inject
    RequestIdempotencyKey requestKey;

    @ServerRequestFilter
    public void capture(ContainerRequestContext request) {
        String key = request.getHeaderString(Headers.IDEMPOTENCY_KEY);
        if (key == null) {
            return;
        }
        if (!IdempotencyKey.isWellFormed(key)) {
            throw new BadRequestException(IdempotencyKey.SHAPE_MESSAGE);
        }
        requestKey.set(key);
    }
}
