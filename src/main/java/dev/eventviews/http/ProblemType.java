package dev.eventviews.http;

import java.net.URI;

/**
 * The kinds of problem this service answers with, each named by an RFC 9457 {@code type} URI that a client can
 * switch on (titles and details are for people and may change). An HTTP error of another status than those named
 * here has the type {@code about:blank}, as RFC 9457 says.
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
    /** A request this service cannot take as it is, for another reason than its fields (detail says which). */
    BAD_REQUEST("bad-request"),
    /** No such key, view or path. */
    NOT_FOUND("not-found"),
    /** The path exists, but not for this method. */
    METHOD_NOT_ALLOWED("method-not-allowed"),
    /** None of the media types the Accept header lists can be produced here. */
    NOT_ACCEPTABLE("not-acceptable"),
    /** The body is larger than the body limit, or a bulk write has more items than it may. */
    TOO_LARGE("too-large"),
    /** The Content-Type is not one this endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** An HTTP error of another status, which says it all. */
    HTTP(null);

    static final String BASE = "https://event-views.dev/problems/";

    private final URI uri;

    ProblemType(String name) {
        this.uri = URI.create(name == null ? "about:blank" : BASE + name);
    }

    public URI uri() {
        return uri;
    }

    /** The type of a plain HTTP error of this status. */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> HTTP;
        };
    }
}
