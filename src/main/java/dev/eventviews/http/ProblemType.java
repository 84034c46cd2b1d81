package dev.eventviews.http;

import java.net.URI;

/**
 * The kinds of problem this service answers with, each named by an RFC 9457 {@code type} URI that a client can
 * switch on (titles and details are for people and may change). A plain HTTP error with nothing to add to its
 * status (404, 405, 413, 415...) has the type {@code about:blank}, as RFC 9457 says.
 */
public enum ProblemType {

    /** Fields of the request are not valid; {@code errors} names them. */
    VALIDATION("validation"),
    /** The body is not JSON, or not an object of the expected shape. */
    MALFORMED_JSON("malformed-json"),
    /** The event log (or what a write needs besides it) cannot take the write now; retry after Retry-After. */
    EVENT_LOG_UNAVAILABLE("event-log-unavailable"),
    /** The Idempotency-Key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
    /** The view cannot answer now (start-up, rebalance, restoration); retry after Retry-After. */
    VIEW_UNAVAILABLE("view-unavailable"),
    /** The view did not reach the consistency token's position in time; retry with the same token. */
    CONSISTENCY_TIMEOUT("consistency-timeout"),
    /** A read into the past asked for a time older than the history retention keeps. */
    BEYOND_RETENTION("beyond-retention"),
    /** A schema could not be looked up in the schema registry; retry after Retry-After. */
    SCHEMA_REGISTRY_UNAVAILABLE("schema-registry-unavailable"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    /** A failure of this service; it is logged. */
    INTERNAL("internal"),
    /** An HTTP error whose status says it all. */
    HTTP(null);

    static final String BASE = "https://event-views.dev/problems/";

    private final URI uri;

    ProblemType(String name) {
        this.uri = URI.create(name == null ? "about:blank" : BASE + name);
    }

    public URI uri() {
        return uri;
    }
}
