package dev.eventviews;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/** The views follow the log asynchronously: tests wait for them, with a bound, instead of sleeping. */
public final class Eventually {

    private Eventually() {
    }

    /** Until the application is ready: Kafka Streams is running and the views can answer. */
    public static void ready() {
        // A failed expectation then shows the response body (the problem detail), not only the status.
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        await("application ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/q/health/ready").statusCode() == 200);
    }

    /** Until GET {@code path} answers 200, and returns that response. */
    public static Response found(String path) {
        return until(path, response -> response.statusCode() == 200);
    }

    /** Until GET {@code path} answers 404 (a tombstone has reached the view). */
    public static Response gone(String path) {
        return until(path, response -> response.statusCode() == 404);
    }

    /** Until GET {@code path} gives a response that matches, and returns it. */
    public static Response until(String path, Predicate<Response> condition) {
        return await(path).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(path), condition::test);
    }
}
