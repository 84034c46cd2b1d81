package dev.eventviews.live;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eventviews.Api;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.cluster.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Why the live feed reads the changelogs rather than the local stores: with two instances, each holds only some
 * partitions of every view, yet the change stream of one instance carries the changes that the other one made.
 */
class LiveAcrossInstancesIT {

    private static final RealInfrastructure INFRASTRUCTURE = new RealInfrastructure();
    private static PackagedApp first;
    private static PackagedApp second;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Map<String, String> config = new HashMap<>(INFRASTRUCTURE.start());
        config.remove("kafka-streams.state.dir"); // each instance gets its own
        // The test JVM's broker is shared with the other *IT classes: a group of its own keeps the views apart.
        config.put("quarkus.kafka-streams.application-id", "live-it");
        // That fresh group first folds in what the other *IT classes wrote, and every change of that catch-up goes
        // to the subscriber: with the default buffer it would be dropped as a slow client before its change came.
        config.put("eventviews.live.client-buffer", "1000000");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "live-");
        // Each takes several seconds to start: start them side by side.
        var starting = List.of(
                CompletableFuture.supplyAsync(() -> PackagedApp.start("first", dir, config)),
                CompletableFuture.supplyAsync(() -> PackagedApp.start("second", dir, config)));
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } finally {
            first = starting.get(0).getNow(null);
            second = starting.get(1).getNow(null);
        }
        await("both instances hold partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !partitionsOf(second).isEmpty() && !partitionsOf(first).isEmpty());
    }

    @AfterAll
    static void stop() {
        Stream.of(first, second).filter(Objects::nonNull).parallel().forEach(PackagedApp::close);
        INFRASTRUCTURE.stop();
    }

    @Test
    void shouldStreamFromOneInstanceAChangeThatTheOtherInstanceMade() throws Exception {
        try (ChangeStream changes = ChangeStream.open(first.url() + "/store/changes/customers")) {
            String customerId = customerHeldBy(second);

            JsonNode change = changes.next(customerId);

            assertEquals("Ada", change.path("value").path("firstName").asText());
        }
    }

    /** Writes customers until one lands in a partition that {@code owner} holds, and returns its id. */
    private String customerHeldBy(PackagedApp owner) {
        List<String> held = partitionsOf(owner);
        for (int i = 0; i < 30; i++) {
            String customerId = "elsewhere-" + run + "-" + i;
            JsonPath appended = given().baseUri(first.url()).contentType(ContentType.JSON)
                    .body(Api.customer(customerId, "Ada", "ada@example.com"))
                    .post("/events/customers").then().statusCode(202).extract().jsonPath();
            if (held.contains("customers-" + appended.getInt("partition"))) {
                return customerId;
            }
        }
        return fail(owner + " holds none of the partitions written to; it holds " + held);
    }

    /** The input partitions (e.g. customers-3) whose tasks, and so whose view entries, an instance holds. */
    private static List<String> partitionsOf(PackagedApp app) {
        return given().baseUri(first.url()).get("/store/instances").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.port == " + app.port() + " }.partitions.flatten()", String.class);
    }
}
