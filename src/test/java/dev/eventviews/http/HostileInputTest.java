package dev.eventviews.http;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.eventviews.Api;
import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.kafka.EndOffsets;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fuzzing the write endpoints: thousands of hostile requests get 4xx answers (or 202 for the few that happen to be
 * valid), never a 5xx, never a dropped connection, never a stack trace or class name; only the accepted ones reach
 * the log, and the service stays alive. The seed is logged; {@code -Dfuzz.seed=...} replays a run.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    private static final Logger LOG = Logger.getLogger(HostileInputTest.class);
    private static final int REQUESTS_PER_ENDPOINT = 1000;
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    /** What an error body must never show: stack traces, class and package names. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "javax.", "jakarta.",
            "io.quarkus", "io.vertx", "org.jboss", "com.fasterxml", "org.apache", "dev.eventviews");

    record Endpoint(String path, String topic, List<String> fields, String validBody) {
        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("/events/customers", "customers",
                        List.of("customerId", "firstName", "lastName", "email", "phone"),
                        Api.customer("fuzz-c", "Ada", "ada@example.com")),
                new Endpoint("/events/orders", "orders",
                        List.of("orderId", "customerId", "orderItemName", "orderPlace", "orderPurchaseTime"),
                        Api.order("fuzz-o", "fuzz-c", "Loom")),
                new Endpoint("/events/greetings", "greetings", List.of("message"), "{\"message\":\"hello\"}"),
                new Endpoint("/events/products", "products", List.of("productId", "name", "priceCents"),
                        "{\"productId\":\"fuzz-p\",\"name\":\"Lamp\",\"priceCents\":1200}"),
                new Endpoint("/events/products/fuzz-p/stock", "stock-adjustments", List.of("delta"),
                        "{\"delta\":5}"),
                new Endpoint("/events/customers/fuzz-c/deposits", "deposits", List.of("amountCents"),
                        "{\"amountCents\":1000}"),
                new Endpoint("/checkout", "checkouts", List.of("orderId", "customerId", "lines"),
                        "{\"customerId\":\"fuzz-c\",\"lines\":[{\"productId\":\"fuzz-p\",\"quantity\":1}]}"));
    }

    /** Larger bodies are refused with 413 before they are read; a client then must not send them at all. */
    private static final int MAX_BODY_SIZE = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI root;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldAnswerHostileBodiesWith4xxAndWriteOnlyWhatItAccepted(Endpoint endpoint) throws InterruptedException {
        long eventsBefore = EndOffsets.total(bootstrapServers, endpoint.topic());
        HostileRequests requests = new HostileRequests(SEED, endpoint.fields(), endpoint.validBody());
        Outcomes outcomes = new Outcomes();

        for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
            HostileRequests.Request request = requests.next();
            HttpRequest.Builder post = HttpRequest.newBuilder(root.resolve(endpoint.path()))
                    .timeout(Duration.ofSeconds(30))
                    // as curl does with large bodies: wait for the server's go-ahead, or its 413
                    .expectContinue(request.body().length > MAX_BODY_SIZE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (request.contentType() != null) {
                post.header("Content-Type", request.contentType());
            }
            if (request.idempotencyKey() != null) {
                post.header("Idempotency-Key", request.idempotencyKey());
            }
            outcomes.record(request.kind(), () -> http.send(post.build(), HttpResponse.BodyHandlers.ofString()));
        }

        LOG.infof("%s: %d hostile requests (seed %d), statuses %s", endpoint, REQUESTS_PER_ENDPOINT, SEED,
                outcomes.statuses);
        outcomes.assertNoServerErrorsDropsOrLeaks();
        assertTrue(outcomes.statuses.keySet().containsAll(List.of(400, 413, 415)),
                "the fuzzer reached the body, size and content-type checks: " + outcomes.statuses);
        assertEquals(eventsBefore + outcomes.accepted(), EndOffsets.total(bootstrapServers, endpoint.topic()),
                "only accepted requests wrote an event (seed " + SEED + ")");
        assertAlive();
    }

    @Test
    void shouldAnswerHostileIdsInDeletesWith4xx() throws InterruptedException {
        Random random = new Random(SEED);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 300; i++) {
            StringBuilder id = new StringBuilder();
            int alphabet = random.nextBoolean() ? 0x7F : 0x2FF;
            for (int length = 1 + random.nextInt(100); length > 0; length--) {
                id.append((char) (1 + random.nextInt(alphabet)));
            }
            String path = (random.nextBoolean() ? "/events/customers/" : "/events/orders/")
                    + URLEncoder.encode(id.toString(), StandardCharsets.UTF_8).replace("+", "%20");
            HttpRequest delete = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(30))
                    .DELETE().build();
            outcomes.record("hostile id", () -> http.send(delete, HttpResponse.BodyHandlers.ofString()));
        }
        LOG.infof("DELETE: 300 hostile ids (seed %d), statuses %s", SEED, outcomes.statuses);
        outcomes.assertNoServerErrorsDropsOrLeaks();
        assertAlive();
    }

    private static void assertAlive() {
        get("/q/health/live").then().statusCode(200);
        Api.accepted("/events/greetings", "{\"message\":\"still here\"}");
    }

    /** Status codes seen, and every answer that breaks a rule. */
    private static final class Outcomes {

        interface Exchange {
            HttpResponse<String> send() throws IOException, InterruptedException;
        }

        final Map<Integer, Integer> statuses = new TreeMap<>();
        final List<String> violations = new ArrayList<>();

        void record(String kind, Exchange exchange) throws InterruptedException {
            HttpResponse<String> response;
            try {
                response = exchange.send();
            } catch (IOException dropped) {
                violations.add(kind + ": connection dropped (" + dropped + ")");
                return;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                violations.add(kind + ": " + response.statusCode() + " " + response.body());
            }
            LEAKS.stream().filter(response.body()::contains).findFirst()
                    .ifPresent(leak -> violations.add(kind + ": body shows '" + leak + "': " + response.body()));
        }

        int accepted() {
            return statuses.getOrDefault(202, 0);
        }

        void assertNoServerErrorsDropsOrLeaks() {
            assertEquals(List.of(), violations.stream().limit(20).toList(),
                    violations.size() + " violations (seed " + SEED + ")");
        }
    }
}
