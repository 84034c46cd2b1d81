package dev.eventviews.http;

/** The names of the HTTP headers this service reads or writes beyond the standard ones it only passes through. */
public final class Headers {

    /** Response header of a write: where it landed; request header of a read: wait until the view has that. */
    public static final String CONSISTENCY_TOKEN = "Consistency-Token";
    /** Request header of a write: a client's key that makes retries of the same write safe. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Response header of a view read: the instance (host:port) whose store answered. */
    public static final String ANSWERED_BY = "Answered-By";
    /** Response header of a key read answered by a standby: how many records it lags behind the active store. */
    public static final String STANDBY_LAG = "Standby-Lag";
    /** Response header of a local-scope list: the store partitions the page was read from, e.g. {@code 0,2,5}. */
    public static final String COVERED_PARTITIONS = "Covered-Partitions";
    /** Response header of a 503: seconds to wait before retrying. */
    public static final String RETRY_AFTER = jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER;

    private Headers() {
    }
}
