package dev.eventviews.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.RealInfrastructure;

/**
 * Three instances of the packaged application, as separate processes sharing one broker (6 partitions per topic)
 * and one registry: any instance answers any read, lists are whole, a write's token makes another instance read it,
 * and losing an instance loses no key. The tests run in order because each builds on the cluster's state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int CUSTOMERS = 60;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final RealInfrastructure infrastructure = new RealInfrastructure();
    private static final List<PackagedApp> instances = new ArrayList<>();
    private static final List<String> customerIds = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        // One standby per store partition, and a killed instance noticed in seconds (Instances.config).
        Map<String, String> config = Instances.config(infrastructure.start(), "cluster-it",
                Map.of("kafka-streams.num.standby.replicas", "1"));
        Path dir = Instances.newDir("cluster");
        List<CompletableFuture<PackagedApp>> starting = IntStream.rangeClosed(1, 3)
                .mapToObj(n -> CompletableFuture.supplyAsync(() -> PackagedApp.start("instance-" + n, dir, config)))
                .toList();
        starting.forEach(app -> instances.add(app.join()));
        await("all three instances share the partitions").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> instances.stream().allMatch(app -> statusOf(app, "/store/instances") == 200
                        && json(app, "/store/instances").size() == 3));
        // A new application folds in everything the earlier tests left on the shared broker first: the reads below
        // time their tokens against the views, so they start once no instance has input left to process.
        await("the views have processed the shared topics' backlog").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> instances.stream().allMatch(app -> inputLeft(app) == 0));
    }

    @AfterAll
    static void stopCluster() {
        instances.forEach(PackagedApp::close);
        infrastructure.stop();
    }

    @Test
    @Order(1)
    void shouldReadAWriteMadeOnOneInstanceFromAnotherWithItsToken() throws Exception {
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = "cust-" + String.format("%03d", i);
            customerIds.add(id);
            PackagedApp writer = instances.get(i % 3);
            HttpResponse<String> written = post(writer, "/events/customers", """
                    {"customerId":"%s","firstName":"F%d","lastName":"L","email":"c%d@example.com"}
                    """.formatted(id, i, i));
            assertEquals(202, written.statusCode());
            String token = written.headers().firstValue("Consistency-Token").orElseThrow();

            // Read at once on another instance: the token makes it wait for the write, so never a 404.
            PackagedApp reader = instances.get((i + 1) % 3);
            HttpResponse<String> read = get(reader, "/store/customers/" + id + "?consistentWith=" + token);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("F" + i, JSON.readTree(read.body()).get("firstName").asText());
        }

        String token = post(instances.get(0), "/events/orders", """
                {"orderId":"ord-1","customerId":"cust-007","orderItemName":"Loom"}
                """).headers().firstValue("Consistency-Token").orElseThrow();
        HttpResponse<String> joined = get(instances.get(2), "/store/customer-orders/cust-007?consistentWith=" + token);
        assertEquals(200, joined.statusCode(), joined.body());
        assertEquals("ord-1", JSON.readTree(joined.body()).get("orders").get(0).get("orderId").asText());
    }

    @Test
    @Order(2)
    void shouldAnswerEveryKeyFromEveryInstanceWithTheSameBody() throws Exception {
        List<Long> localNanos = new ArrayList<>();
        List<Long> forwardedNanos = new ArrayList<>();
        for (String id : customerIds) {
            String expected = null;
            for (PackagedApp instance : instances) {
                long started = System.nanoTime();
                HttpResponse<String> read = get(instance, "/store/customers/" + id);
                long elapsed = System.nanoTime() - started;
                assertEquals(200, read.statusCode(), instance + " " + id + ": " + read.body());
                String answeredBy = read.headers().firstValue("Answered-By").orElseThrow();
                (answeredBy.equals("localhost:" + instance.port()) ? localNanos : forwardedNanos).add(elapsed);
                if (expected == null) {
                    expected = read.body();
                }
                assertEquals(expected, read.body(), id + " differs on " + instance);
            }
        }
        assertTrue(forwardedNanos.size() >= CUSTOMERS, "most reads must have been forwarded: " + forwardedNanos.size());
        assertTrue(localNanos.size() >= CUSTOMERS / 3, "some reads must have been local: " + localNanos.size());
        System.out.printf("ClusterIT key reads: local n=%d p50=%.2f ms p99=%.2f ms; forwarded n=%d p50=%.2f ms "
                + "p99=%.2f ms%n", localNanos.size(), percentile(localNanos, 50), percentile(localNanos, 99),
                forwardedNanos.size(), percentile(forwardedNanos, 50), percentile(forwardedNanos, 99));
    }

    @Test
    @Order(3)
    void shouldPageThroughTheWholeViewIdenticallyFromEveryInstance() throws Exception {
        List<String> first = null;
        for (PackagedApp instance : instances) {
            List<String> keys = allKeys(instance, "/store/customers", "/customerId");
            assertEquals(new ArrayList<>(new TreeSet<>(keys)), keys, "sorted, without duplicates, on " + instance);
            assertTrue(keys.containsAll(customerIds), "complete on " + instance);
            if (first == null) {
                first = keys;
            }
            assertEquals(first, keys, instance + " lists differently");
        }
        List<String> local = allKeys(instances.get(0), "/store/customers?scope=local", "/customerId");
        assertTrue(local.size() < first.size() && !local.isEmpty(), "scope=local lists only this instance's part");
    }

    @Test
    @Order(4)
    void shouldPageThroughTheCustomerOrdersViewsIdenticallyFromEveryInstance() throws Exception {
        // an order for every customer, on every partition, written to one instance
        StringBuilder orders = new StringBuilder("[");
        for (String id : customerIds) {
            orders.append(orders.length() > 1 ? "," : "").append("""
                    {"orderId":"ord-%s","customerId":"%s","orderItemName":"Loom"}""".formatted(id, id));
        }
        assertEquals(202, post(instances.get(0), "/events/orders", orders.append("]").toString()).statusCode());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> ours(allKeys(
                instances.get(1), "/store/customer-order/all", "/order/orderId")).size() == CUSTOMERS + 1);

        List<String> firstCustomers = null;
        List<String> firstRows = null;
        for (PackagedApp instance : instances) {
            // The shared broker holds the earlier tests' customers and orders too: the lists are checked whole
            // (sorted, once each) and for this test's entries.
            List<String> customers = allKeys(instance, "/store/customer-orders?orders=1", "/customer/customerId");
            assertEquals(new ArrayList<>(new TreeSet<>(customers)), customers, "sorted, once each, on " + instance);
            customers = customers.stream().filter(customerIds::contains).toList();
            List<String> rows = ours(allKeys(instance, "/store/customer-order/all", "/order/orderId"));
            assertEquals(new ArrayList<>(new TreeSet<>(customers)), customers, "sorted, once each, on " + instance);
            assertEquals(customerIds, customers, "every customer, on " + instance);
            assertEquals(CUSTOMERS + 1, rows.size(), "every order once, on " + instance);
            if (firstCustomers == null) {
                firstCustomers = customers;
                firstRows = rows;
            }
            assertEquals(firstRows, rows, instance + " lists differently");
        }
    }

    @Test
    @Order(5)
    void shouldKeepAnsweringWhenAnInstanceDies() throws Exception {
        PackagedApp victim = instances.remove(2);
        victim.kill();

        // Until the group notices (session timeout), the dead instance still owns its partitions: reads of its
        // keys fall back to the standby replicas. Afterwards the survivors own everything. Never a 500, no key lost.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean standbyAnswered = false;
        List<String> missing = new ArrayList<>(customerIds);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            for (String id : List.copyOf(missing)) {
                HttpResponse<String> read = get(instances.get(id.hashCode() & 1), "/store/customers/" + id);
                assertNotEquals(500, read.statusCode(), read.body());
                assertTrue(read.statusCode() == 200 || read.statusCode() == 503, id + ": " + read.statusCode());
                if (read.statusCode() == 200) {
                    missing.remove(id);
                    standbyAnswered |= read.headers().firstValue("Standby-Lag").isPresent();
                } else {
                    assertNotNull(read.headers().firstValue("Retry-After").orElse(null), "503 without Retry-After");
                }
            }
        }
        assertEquals(List.of(), missing, "keys unreadable after losing an instance");
        System.out.println("ClusterIT after a kill: a standby answered = " + standbyAnswered);
        // Lists need every partition's owner to answer: 503 until the group has moved the dead one's partitions.
        for (PackagedApp survivor : instances) {
            await("whole list from " + survivor).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        HttpResponse<String> page = get(survivor, "/store/customers?limit=1");
                        assertTrue(page.statusCode() == 200 || page.statusCode() == 503, page.body());
                        return page.statusCode() == 200;
                    });
            assertTrue(allKeys(survivor, "/store/customers", "/customerId").containsAll(customerIds));
        }
    }

    /** Every page of a list, 7 items at a time; each item's key is at {@code keyPointer} (a JSON pointer). */
    private static List<String> allKeys(PackagedApp instance, String path, String keyPointer) throws Exception {
        List<String> keys = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String after = null;
        do {
            HttpResponse<String> page = get(instance, path + separator + "limit=7"
                    + (after == null ? "" : "&after=" + after));
            assertEquals(200, page.statusCode(), page.body());
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(item -> keys.add(item.at(keyPointer).asText()));
            after = body.get("next").isNull() ? null : body.get("next").asText();
        } while (after != null);
        return keys;
    }

    private static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static HttpResponse<String> post(PackagedApp instance, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PackagedApp instance, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This test class's orders: one per customer, and the one the first test wrote. */
    private static List<String> ours(List<String> orderIds) {
        return orderIds.stream().filter(id -> id.equals("ord-1") || customerIds.contains(id.replaceFirst("^ord-", "")))
                .toList();
    }

    /** Records of its input topics this instance has not processed yet, as it reports itself. */
    private static long inputLeft(PackagedApp instance) {
        long left = 0;
        for (JsonNode lag : json(instance, "/store/instances?scope=local").get(0).path("inputLag")) {
            left += lag.asLong();
        }
        return left;
    }

    private static int statusOf(PackagedApp instance, String path) {
        return get(instance, path).statusCode();
    }

    private static JsonNode json(PackagedApp instance, String path) {
        try {
            return JSON.readTree(get(instance, path).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
