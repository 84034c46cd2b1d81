package dev.eventviews.cluster;

import static dev.eventviews.cluster.Ingest.TIMED_OUT;
import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.eventviews.Api;
import dev.eventviews.RealInfrastructure;
import dev.eventviews.kafka.EndOffsets;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The packaged application killed (SIGKILL) or stopped (SIGTERM) during sustained ingest by several writers, then
 * started again on its state: every event answered 202 is in the views, no order is in a customer's orders twice,
 * and the views get there without help. A graceful stop also answers every write it carries out (the topics grow by
 * exactly the acknowledged events) and leaves the stores' checkpoints, so the next start restores nothing.
 */
class RestartIT {

    private static final Logger LOG = Logger.getLogger(RestartIT.class);
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_DISRUPTION = 300;
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final Pattern RESTORED = Pattern.compile("Restored (\\d+) records into store (\\S+)");

    private static Map<String, String> config;
    private static Path dir;
    private static PackagedApp app;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startInstance() {
        config = Instances.config(new RealInfrastructure().start(), "restart-it", Map.of());
        dir = Instances.newDir("restart");
        app = PackagedApp.start("app", dir, config);
        Instances.talkTo(app);
    }

    @AfterAll
    static void stopInstance() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedEventThroughACrash() throws Exception {
        List<String> customers = customers();
        String idempotencyKey = UUID.randomUUID().toString();
        Response keyedBeforeCrash = keyedGreeting(idempotencyKey).then().statusCode(202).extract().response();
        Ingest ingest = Ingest.start(app.url(), run, customers, WRITERS);
        ingest.awaitAcknowledged(ACKNOWLEDGED_BEFORE_DISRUPTION, Duration.ofSeconds(60));

        app.kill();
        ingest.stop();
        long logBeforeRestart = Files.size(app.logFile());
        app = PackagedApp.start("app", dir, app.port(), config);

        assertViewsHoldEverythingAcknowledged(ingest, customers, "crash");
        assertTrue(restoredRecords(logBeforeRestart) > 0,
                "after a crash, exactly-once processing rebuilds the stores from their changelogs (and the restore"
                        + " log shows it)");
        long greetingEvents = events("greetings");
        keyedGreeting(idempotencyKey).then().statusCode(202).body(equalTo(keyedBeforeCrash.asString()));
        assertEquals(greetingEvents, events("greetings"),
                "a retry after the restart gets the first answer and writes nothing");
    }

    @Test
    void shouldFinishInFlightWritesAndRestoreNothingAfterAGracefulStop() throws Exception {
        List<String> customers = customers();
        long ordersBefore = events("orders");
        long greetingsBefore = events("greetings");
        Ingest ingest = Ingest.start(app.url(), run, customers, WRITERS);
        ingest.awaitAcknowledged(ACKNOWLEDGED_BEFORE_DISRUPTION, Duration.ofSeconds(60));

        app.close();
        ingest.stop();
        LOG.infof("Graceful stop: writers ended with %s (a request sent after the server closed its connections"
                + " ends as dropped, unwritten)", ingest.endings());
        // Every write the service carried out was answered: none finished unseen, none was cut off half-way.
        assertEquals(ingest.acknowledgedOrders().size(), events("orders") - ordersBefore, "orders written");
        assertEquals(ingest.acknowledgedGreetings().size(), events("greetings") - greetingsBefore,
                "greetings written");
        assertFalse(ingest.endings().containsKey(TIMED_OUT), "no request hung: " + ingest.endings());
        assertStoresCheckpointed(app.stateDir());

        long logBeforeRestart = Files.size(app.logFile());
        app = PackagedApp.start("app", dir, app.port(), config);

        assertViewsHoldEverythingAcknowledged(ingest, customers, "graceful stop");
        assertEquals(0, restoredRecords(logBeforeRestart), "nothing is restored after a clean stop");
    }

    private static long events(String topic) {
        return EndOffsets.total(config.get("kafka.bootstrap.servers"), topic);
    }

    private List<String> customers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = run + "-c" + i;
            Api.accepted("/events/customers", Api.customer(id, "Customer" + i, "c" + i + "@example.com"));
            ids.add(id);
        }
        return ids;
    }

    private static Response keyedGreeting(String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body("{\"message\":\"once\"}").when().post("/events/greetings");
    }

    /** Waits until every acknowledged event is in the views, then checks that none is lost or shown twice. */
    private static void assertViewsHoldEverythingAcknowledged(Ingest ingest, List<String> customers, String what)
            throws InterruptedException {
        Map<String, List<String>> shown = ordersShown(customers);
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        while (!lostOrders(ingest, shown).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            shown = ordersShown(customers);
        }
        List<String> lostOrders = lostOrders(ingest, shown);
        List<String> duplicated = shown.values().stream()
                .flatMap(orders -> orders.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()))
                        .entrySet().stream().filter(count -> count.getValue() > 1).map(Map.Entry::getKey))
                .toList();
        List<String> lostGreetings = ingest.acknowledgedGreetings().stream()
                .filter(id -> get("/store/greetings/" + id).statusCode() != 200).toList();
        LOG.infof("After a %s: %d events acknowledged (%d orders, %d greetings); lost %d; duplicated %d; writers"
                + " ended with %s", what, ingest.acknowledged(), ingest.acknowledgedOrders().size(),
                ingest.acknowledgedGreetings().size(), lostOrders.size() + lostGreetings.size(), duplicated.size(),
                ingest.endings());
        assertEquals(List.of(), lostOrders, "acknowledged orders missing from customer-orders");
        assertEquals(List.of(), lostGreetings, "acknowledged greetings missing");
        assertEquals(List.of(), duplicated, "orders shown twice in a customer's orders");
    }

    private static List<String> lostOrders(Ingest ingest, Map<String, List<String>> shown) {
        return ingest.acknowledgedOrders().stream()
                .filter(order -> !shown.get(order.customerId()).contains(order.orderId()))
                .map(Ingest.Order::orderId).toList();
    }

    private static Map<String, List<String>> ordersShown(List<String> customers) {
        Map<String, List<String>> shown = new HashMap<>();
        customers.forEach(customer -> shown.put(customer, ordersShown(customer)));
        return shown;
    }

    /** Every order the customer-orders view shows for the customer, page by page. */
    private static List<String> ordersShown(String customerId) {
        List<String> shown = new ArrayList<>();
        String after = null;
        do {
            Response response = get("/store/customer-orders/" + customerId + "?limit=1000"
                    + (after == null ? "" : "&after=" + after));
            if (response.statusCode() != 200) {
                return shown;
            }
            shown.addAll(response.jsonPath().getList("orders.orderId"));
            after = response.jsonPath().getString("next");
        } while (after != null);
        return shown;
    }

    /** After a clean close, every task that has stores recorded their changelog offsets. */
    private static void assertStoresCheckpointed(Path stateDir) throws IOException {
        List<Path> taskDirs;
        try (Stream<Path> dirs = Files.list(stateDir.resolve(config.get("quarkus.kafka-streams.application-id")))) {
            taskDirs = dirs.filter(task -> Files.isDirectory(task.resolve("rocksdb"))).toList();
        }
        assertFalse(taskDirs.isEmpty(), "no task with stores in " + stateDir);
        List<Path> unchecked = taskDirs.stream().filter(task -> !Files.exists(task.resolve(".checkpoint"))).toList();
        assertEquals(List.of(), unchecked, "tasks without a checkpoint after SIGTERM");
    }

    /** The records the restore log reports since {@code fromByte} of the instance's log. */
    private static long restoredRecords(long fromByte) throws IOException {
        String log = Files.readString(app.logFile());
        Matcher restored = RESTORED.matcher(log.substring((int) Math.min(fromByte, log.length())));
        long total = 0;
        while (restored.find()) {
            total += Long.parseLong(restored.group(1));
        }
        return total;
    }
}
