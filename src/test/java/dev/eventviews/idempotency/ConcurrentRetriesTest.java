package dev.eventviews.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many writes at once with the same Idempotency-Key, retries of a key already answered, and writes without a key:
 * every one is answered 202, never a 5xx (a {@code ContextNotActiveException} in the response filters was one, see
 * {@code CallersContext}). Each retry ends on another thread than its request's event loop, the race that that class
 * closes. {@code StartupWritesIT} does the same while the packaged application starts.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ConcurrentRetriesTest {

    private static final int ROUNDS = Integer.getInteger("concurrent-retries.rounds", 40);
    private static final int CONCURRENT = 24;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/events/customers")
    URI greetings;

    @Test
    void shouldAnswerConcurrentDuplicateAndRepeatedKeysWithoutAServerError() {
        Eventually.ready();
        String answeredKey = UUID.randomUUID().toString();
        assertEquals(202, send(answeredKey, "answered").join().statusCode());

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String sharedKey = UUID.randomUUID().toString();
            List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                writes.add(switch (i % 3) {
                    case 0 -> send(answeredKey, "answered");
                    case 1 -> send(sharedKey, "shared " + round);
                    default -> send(null, "unkeyed " + round);
                });
            }
            for (CompletableFuture<HttpResponse<String>> write : writes) {
                HttpResponse<String> response = write.join();
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() >= 500) {
                    serverErrors.add(response.statusCode() + ": " + response.body());
                }
            }
        }
        assertEquals(List.of(), serverErrors, "server errors among " + statuses);
        assertEquals(Map.of(202, ROUNDS * CONCURRENT), statuses);
    }

    private CompletableFuture<HttpResponse<String>> send(String key, String message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(greetings).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(customer(message)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Customers, not greetings: a round rewrites its own few customers, so a view list does not fill up. */
    private static String customer(String id) {
        return "{\"customerId\":\"" + id.replace(' ', '-') + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"email\":\"ada@example.com\"}";
    }
}
