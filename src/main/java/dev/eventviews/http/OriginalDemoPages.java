package dev.eventviews.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The page addresses of the original demo, moved permanently to the pages that do the same, so that bookmarks and
 * links made for it land on the right form (docs/migrating.md lists them). Plain routes rather than a JAX-RS resource
 * at {@code /}, which would stand in front of the static pages.
 */
@ApplicationScoped
public class OriginalDemoPages {

    static final Map<String, String> MOVED = Map.of(
            "/create-customer", "/new/customer.html",
            "/create-order", "/new/order.html",
            "/create-greeting", "/new/greeting.html");

    void route(@Observes Router router) {
        MOVED.forEach((original, page) -> router.get(original).handler(request -> request.response()
                .setStatusCode(301).putHeader(HttpHeaders.LOCATION, page).end()));
    }
}
