package dev.eventviews.read;

import java.time.Duration;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;

import dev.eventviews.http.Headers;


/**
 * How a read may be answered: {@code ?scope=local} (this instance's part only), a consistency token from a write
 * ({@code ?consistentWith=} or the {@code Consistency-Token} header) and, for key reads, {@code ?waitMs=}.
 */
public class ReadParams {

    static final String SCOPE = "scope";
    static final String LOCAL = "local";
    private static final String TOKEN_MESSAGE = "must be a Consistency-Token from a write response "
            + "(topic:partition:offset)";

    @QueryParam(SCOPE)
    @DefaultValue("all")
    @Pattern(regexp = "all|local", message = "must be 'all' or 'local'")
    String scope;

    @QueryParam("consistentWith")
    @Pattern(regexp = ConsistencyToken.PATTERN, message = TOKEN_MESSAGE)
    String consistentWith;

    @HeaderParam(Headers.CONSISTENCY_TOKEN)
    @Pattern(regexp = ConsistencyToken.PATTERN, message = TOKEN_MESSAGE)
    String consistencyHeader;

    /** How long a key read may wait for a key that does not exist yet, instead of answering 404 at once. */
    @QueryParam("waitMs")
    @DefaultValue("0")
    @Pattern(regexp = "0*([0-9]{1,4}|[12][0-9]{4}|30000)", message = "must be a whole number from 0 to 30000")
    String waitMs;

    public ReadOptions options() {
        String token = consistentWith != null ? consistentWith : consistencyHeader;
        return new ReadOptions(token == null ? null : ConsistencyToken.parse(token),
                Duration.ofMillis(Long.parseLong(waitMs)), LOCAL.equals(scope));
    }
}
