package dev.eventviews.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventviews.Eventually;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.kafka.EndOffsets;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A client that retries a write with the same Idempotency-Key gets the first answer again, and the log gets one
 * event. Greetings matter most: their ids are the server's, so without the key every retry would be a new greeting.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class IdempotencyKeyTest {

    private static final String GREETINGS = "/events/greetings";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void viewsReady() {
        Eventually.ready();
    }

    @Test
    void shouldAnswerARetryWithTheFirstAnswerAndStoreOneEvent() {
        String key = UUID.randomUUID().toString();
        long before = greetingEvents();

        Response first = post(GREETINGS, key, "{\"message\":\"hello " + run + "\"}");
        Response retry = post(GREETINGS, key, "{ \"message\" : \"hello " + run + "\" }");

        first.then().statusCode(202);
        retry.then().statusCode(202).header("Location", first.header("Location"));
        assertEquals(first.asString(), retry.asString(), "the retry gets the first answer");
        assertEquals(before + 1, greetingEvents(), "one event in the log");
        String id = first.jsonPath().getString("key");
        Eventually.found("/store/greetings/" + id).then().body("message", equalTo("hello " + run));
        List<String> ids = Eventually.until("/store/greetings?limit=1000",
                response -> response.jsonPath().getList("items.id").contains(id))
                .jsonPath().getList("items.findAll { it.message == 'hello " + run + "' }.id");
        assertEquals(List.of(id), ids, "one greeting in the view");
    }

    @Test
    void shouldRunConcurrentRetriesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = greetingEvents();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> retries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                retries.add(() -> post(GREETINGS, key, "{\"message\":\"at once " + run + "\"}"));
            }
            List<String> answers = new ArrayList<>();
            for (Future<Response> answer : clients.invokeAll(retries)) {
                answers.add(answer.get().then().statusCode(202).extract().asString());
            }
            assertEquals(1, answers.stream().distinct().count(), "every client got the same answer: " + answers);
        } finally {
            clients.shutdownNow();
        }
        assertEquals(before + 1, greetingEvents(), "one event in the log");
    }

    @Test
    void shouldRefuseAKeyReusedForADifferentRequest() {
        String key = UUID.randomUUID().toString();
        post(GREETINGS, key, "{\"message\":\"first " + run + "\"}").then().statusCode(202);
        long before = greetingEvents();

        post(GREETINGS, key, "{\"message\":\"second " + run + "\"}").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key reused"), "detail", containsString("POST /events/greetings"));
        assertEquals(before, greetingEvents(), "nothing written for the refused request");
    }

    @Test
    void shouldScopeAKeyToItsEndpoint() {
        String key = UUID.randomUUID().toString();
        String customerId = "scoped-" + run;

        post("/events/customers", key, "{\"customerId\":\"" + customerId + "\",\"firstName\":\"Ada\","
                + "\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}").then().statusCode(202)
                .body("topic", equalTo("customers"));
        post("/events/orders", key, "{\"customerId\":\"" + customerId + "\",\"orderItemName\":\"Loom\"}")
                .then().statusCode(202).body("topic", equalTo("orders"));
    }

    @Test
    void shouldRejectAMalformedKeyAndWriteNothing() {
        long before = greetingEvents();

        for (String key : List.of("has space", "x".repeat(256), "caf\u00e9")) {
            post(GREETINGS, key, "{\"message\":\"malformed key\"}").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Idempotency-Key"));
        }
        assertEquals(before, greetingEvents());
    }

    private static Response post(String path, String idempotencyKey, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .when().post(path);
    }

    private long greetingEvents() {
        return EndOffsets.total(bootstrapServers, "greetings");
    }
}
