package dev.eventviews.history;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import dev.eventviews.read.Page;
import dev.eventviews.read.PageParams;

/**
 * {@code ?after=<offset>&limit=<n>&from=<instant>&to=<instant>} of an entity's history. The numbers are read as text
 * and checked here, so a bad one is a 400 naming the parameter instead of JAX-RS's 404.
 */
public class HistoryParams {

    /** The {@code next} of the previous page: the offset of its last event. */
    @QueryParam("after")
    @Pattern(regexp = "[0-9]{1,18}", message = "must be an offset: the next of the previous page")
    String after;

    @QueryParam("limit")
    @DefaultValue("" + Page.DEFAULT_LIMIT)
    @Pattern(regexp = PageParams.LIMIT_PATTERN, message = PageParams.LIMIT_MESSAGE)
    String limit;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    HistoryQuery query(String id) {
        TimeParams.Window window = TimeParams.window(from, to);
        return new HistoryQuery(id, after == null ? null : Long.valueOf(after), window.from(), window.to(),
                Integer.parseInt(limit));
    }
}
