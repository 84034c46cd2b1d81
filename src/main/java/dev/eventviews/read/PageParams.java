package dev.eventviews.read;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;


/**
 * {@code ?after=<cursor>&limit=<n>} of every list endpoint. The limit is read as text and checked here, so a
 * non-number is a 400 naming the parameter instead of JAX-RS's 404.
 */
public class PageParams {

    /** A whole number from 1 to {@link Page#MAX_LIMIT}, as text; for every paged read. */
    public static final String LIMIT_PATTERN = "0*([1-9][0-9]{0,2}|1000)";
    public static final String LIMIT_MESSAGE = "must be a whole number from 1 to " + Page.MAX_LIMIT;

    /** The {@code next} cursor of the previous page; absent for the first page. */
    @QueryParam("after")
    String after;

    @QueryParam("limit")
    @DefaultValue("" + Page.DEFAULT_LIMIT)
    @Pattern(regexp = LIMIT_PATTERN, message = LIMIT_MESSAGE)
    String limit;

    public String after() {
        return after;
    }

    public int limit() {
        return Integer.parseInt(limit);
    }
}
