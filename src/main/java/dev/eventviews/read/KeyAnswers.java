package dev.eventviews.read;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import dev.eventviews.http.Headers;

/** The HTTP answer to a read of one key: its value, another instance's answer passed on as it came, or a 404. */
public final class KeyAnswers {

    private KeyAnswers() {
    }

    /** The 404's detail for a key that the view named {@code view} does not hold. */
    public static String missing(String view, String key) {
        return "No " + view + " entry has the key '" + key + "'";
    }

    /** {@code missing} says what was not found, for the 404's detail. */
    public static <V> Response of(KeyLookup<V> lookup, Supplier<String> missing) {
        return of(lookup, Function.identity(), missing);
    }

    /**
     * As {@link #of(KeyLookup, Supplier)}, with a value found here answered as {@code shown} maps it; another
     * instance's answer was mapped there.
     */
    public static <V> Response of(KeyLookup<V> lookup, Function<V, ?> shown, Supplier<String> missing) {
        if (lookup instanceof KeyLookup.Found<V> found) {
            Response.ResponseBuilder response = Response.ok(shown.apply(found.value()));
            if (found.standbyLag() != null) {
                response.header(Headers.STANDBY_LAG, found.standbyLag());
            }
            return response.build();
        }
        if (lookup instanceof KeyLookup.Forwarded<V> forwarded) {
            Response.ResponseBuilder response = Response.status(forwarded.status()).entity(forwarded.body());
            forwarded.headers().forEach(response::header);
            return response.build();
        }
        throw new NotFoundException(missing.get());
    }
}
