package dev.eventviews.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} gets a 413 problem body, like every other
 * error. The HTTP server refuses such a body before the application could map it (an empty 413); this route runs
 * just before that check, with the same test on {@code Content-Length}, and likewise answers before reading the body
 * and closes the connection, so the client stops sending it.
 */
@ApplicationScoped
public class BodyTooLarge {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void route(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(request -> refuseOver(limit.asLongValue(), request)));
    }

    private void refuseOver(long limit, RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isOver(length, limit)) {
            request.next();
            return;
        }
        Problem problem = new Problem(ProblemType.TOO_LARGE, "Request Entity Too Large", 413,
                "The request body is larger than " + limit + " bytes", request.request().path(), List.of());
        request.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ended -> request.request().connection().close())
                .end(body(problem));
    }

    /** A malformed length is left to the HTTP server, which refuses it as it always has. */
    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length) > limit;
        } catch (NumberFormatException malformed) {
            return false;
        }
    }

    private String body(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem is always serializable", e);
        }
    }
}
