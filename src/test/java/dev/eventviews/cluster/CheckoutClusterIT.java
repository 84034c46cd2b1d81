package dev.eventviews.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.RealInfrastructure;
import dev.eventviews.events.Order;
import dev.eventviews.events.StockAdjusted;
import dev.eventviews.registry.SchemaInstanceDatumProvider;
import dev.eventviews.topology.Catalog;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

/**
 * The checkout saga across three instances of the packaged application, one of which is killed (SIGKILL) while
 * checkouts run: 300 concurrent checkouts of one unit of one product that has 50 units, from several customers who
 * can all pay, sent to every instance in turn (a client whose instance dies retries elsewhere with the same
 * Idempotency-Key). Then exactly 50 units are sold, and the invariants hold:
 * <ol>
 * <li>{@code 0 <= reserved <= onHand} whenever the product is looked at; at the end nothing is reserved and onHand is
 * what was added less what completed checkouts took;</li>
 * <li>a rejected checkout leaves no reservation, no hold and moves no money;</li>
 * <li>each completed checkout captured its amount once, and no balance goes below 0;</li>
 * <li>every checkout ends within the step timeout (plus the deadline check), plus the session timeout when its
 * instance died, plus the time its partitions take to move;</li>
 * <li>every history shows legal transitions only.</li>
 * </ol>
 * And reading the topics from the start (the orders, the stock adjustments) gives the same totals as the views.
 */
class CheckoutClusterIT {

    private static final int CHECKOUTS = 300;
    private static final int UNITS = 50;
    private static final int CUSTOMERS = 10;
    private static final long PRICE = 100;
    private static final long DEPOSIT = 100_000;
    /** After this many accepted checkouts, an instance is killed: before the units can have run out. */
    private static final int KILL_AFTER = 30;
    /** Short, so that the test is quick; long enough for a step on a loaded 2-core machine. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** The deadline check's interval, and the partitions' move: a new owner restores their stores first. */
    private static final Duration HANDOVER_MARGIN = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final RealInfrastructure infrastructure = new RealInfrastructure();
    private static final List<PackagedApp> instances = new CopyOnWriteArrayList<>();
    private static Map<String, String> infra;

    @BeforeAll
    static void startCluster() {
        infra = infrastructure.start();
        Map<String, String> config = Instances.config(infra, "checkout-cluster-it",
                Map.of("eventviews.checkout.step-timeout", STEP_TIMEOUT.toMillis() + "ms",
                        "kafka-streams.session.timeout.ms", String.valueOf(SESSION_TIMEOUT.toMillis()),
                        // A warm copy of each store elsewhere: the survivors take over without restoring.
                        "kafka-streams.num.standby.replicas", "1"));
        Path dir = Instances.newDir("checkout-cluster");
        List<Future<PackagedApp>> starting = new ArrayList<>();
        ExecutorService starter = Executors.newFixedThreadPool(3);
        IntStream.rangeClosed(1, 3).forEach(n -> starting.add(starter.submit(
                () -> PackagedApp.start("instance-" + n, dir, config))));
        starting.forEach(app -> {
            try {
                instances.add(app.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.shutdown();
        await("all three instances share the partitions").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> instances.stream().allMatch(app -> {
                    Answer answer = get(app, "/store/instances");
                    return answer.statusCode() == 200 && read(answer.body()).size() == 3;
                }));
        // A new application first folds in what the earlier tests left on the shared broker: the token reads below
        // start once no instance has input left to process.
        await("the views have processed the shared topics' backlog").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> instances.stream().allMatch(app -> {
                    Answer answer = get(app, "/store/instances?scope=local");
                    if (answer.statusCode() != 200) {
                        return false;
                    }
                    long left = 0;
                    for (JsonNode lag : read(answer.body()).get(0).path("inputLag")) {
                        left += lag.asLong();
                    }
                    return left == 0;
                }));
    }

    @AfterAll
    static void stopCluster() {
        instances.forEach(PackagedApp::close);
        infrastructure.stop();
    }

    @Test
    void shouldSellExactlyTheUnitsInStockWhileAnInstanceDies() throws Exception {
        String product = "hot";
        PackagedApp first = instances.get(0);
        accepted(first, "/events/products", "{\"productId\":\"hot\",\"name\":\"Hot item\",\"priceCents\":" + PRICE + "}",
                null);
        String stocked = accepted(first, "/events/products/hot/stock", "{\"delta\":" + UNITS + "}", null);
        List<String> customers = IntStream.range(0, CUSTOMERS).mapToObj(i -> "buyer-" + i).toList();
        for (String customer : customers) {
            accepted(first, "/events/customers", """
                    {"customerId":"%s","firstName":"B","lastName":"Uyer","email":"%s@example.com",
                     "shippingAddress":{"street":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"},
                     "billingAddress":{"street":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"}}
                    """.formatted(customer, customer), null);
            accepted(first, "/events/customers/" + customer + "/deposits", "{\"amountCents\":" + DEPOSIT + "}", null);
        }
        assertEquals(200, get(first, "/store/products/hot?consistentWith=" + stocked).statusCode());
        for (String customer : customers) {
            await(customer).atMost(Duration.ofSeconds(30)).until(() -> get(first, "/store/accounts/" + customer)
                    .statusCode() == 200 && get(first, "/store/customers/" + customer).statusCode() == 200);
        }

        // Invariant 1 at every observed moment, and balances never below 0, sampled throughout.
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = new Thread(() -> sample(running, violations, samples, customers), "invariant-sampler");
        sampler.start();

        long started = System.nanoTime();
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        AtomicInteger acceptedCount = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            String orderId = "co-%03d".formatted(i);
            String body = "{\"orderId\":\"%s\",\"customerId\":\"%s\",\"lines\":[{\"productId\":\"%s\",\"quantity\":1}]}"
                    .formatted(orderId, customers.get(i % CUSTOMERS), product);
            int n = i;
            sends.add(clients.submit(() -> {
                sendUntilAccepted(orderId, body, n, attempts);
                if (acceptedCount.incrementAndGet() == KILL_AFTER && killed.compareAndSet(false, true)) {
                    PackagedApp victim = instances.remove(2);
                    victim.kill();
                    System.out.printf("CheckoutClusterIT: killed %s after %d accepted checkouts, %.1f s in%n",
                            victim, KILL_AFTER, (System.nanoTime() - started) / 1e9);
                }
            }));
            // Spread over about 30 s, so that checkouts keep coming long after the survivors took over the
            // partitions and released what the checkouts that timed out meanwhile had reserved.
            Thread.sleep(100);
        }
        for (Future<?> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        assertTrue(killed.get(), "an instance was killed");

        Map<String, JsonNode> ended = new TreeMap<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            String orderId = "co-%03d".formatted(i);
            JsonNode checkout = awaitEnd(orderId);
            ended.put(orderId, checkout);
        }
        running.set(false);
        sampler.join();
        double endSeconds = (System.nanoTime() - started) / 1e9;

        // Invariants 4 and 5, per checkout.
        long bound = STEP_TIMEOUT.plus(Duration.ofSeconds(2)).plus(SESSION_TIMEOUT).plus(HANDOVER_MARGIN).toMillis();
        long slowest = 0;
        Map<String, Long> capturedByCustomer = new HashMap<>();
        int completed = 0;
        int rejected = 0;
        Map<String, Integer> reasons = new HashMap<>();
        for (var entry : ended.entrySet()) {
            JsonNode checkout = entry.getValue();
            assertLegal(entry.getKey(), checkout.get("history"));
            long took = lastStepToEnd(checkout.get("history"));
            slowest = Math.max(slowest, took);
            assertTrue(took <= bound, entry.getKey() + " ended " + took + " ms after its last step: " + checkout);
            if ("COMPLETED".equals(checkout.get("state").asText())) {
                completed++;
                assertEquals(PRICE, checkout.get("amountCents").asLong(), entry.getKey());
                capturedByCustomer.merge(checkout.get("customerId").asText(), checkout.get("amountCents").asLong(),
                        Long::sum);
            } else {
                rejected++;
                reasons.merge(checkout.get("reason").asText(), 1, Integer::sum);
            }
        }
        PackagedApp survivor = instances.get(0);

        // In the order they were sent: C completed, R rejected for stock, T timed out, P payment, O other.
        StringBuilder outcomes = new StringBuilder();
        ended.values().forEach(checkout -> outcomes.append(outcome(checkout)));
        System.out.println("CheckoutClusterIT outcomes in send order: " + outcomes);

        // Exactly the units in stock were sold; invariant 1 once idle; invariants 2 and 3 through the accounts.
        assertEquals(UNITS, completed, "completed checkouts (one unit each); rejections: " + reasons);
        JsonNode stock = awaitIdle(survivor, "/store/products/hot", "reserved");
        assertEquals(0, stock.get("onHand").asLong(), "units left: " + stock);
        for (String customer : customers) {
            JsonNode account = awaitIdle(survivor, "/store/accounts/" + customer, "held");
            assertEquals(DEPOSIT - capturedByCustomer.getOrDefault(customer, 0L), account.get("balance").asLong(),
                    customer + " paid what its completed checkouts cost, once: " + account);
        }
        assertEquals(List.of(), violations, "invariant 1 (0 <= reserved <= onHand) and balance >= 0 when observed");

        // Re-folded from the topics: the orders the checkouts appended, and the stock added.
        Map<String, Integer> ordersInLog = ordersInLog();
        assertEquals(UNITS, ordersInLog.size(), "one Order per completed checkout in the orders topic");
        assertTrue(ordersInLog.values().stream().allMatch(count -> count == 1), "no order twice: " + ordersInLog);
        ended.forEach((orderId, checkout) -> assertEquals("COMPLETED".equals(checkout.get("state").asText()),
                ordersInLog.containsKey(orderId), orderId + " has an Order exactly when it completed"));
        assertEquals(UNITS, stockAdded("hot"), "stock added, from the stock-adjustments topic");
        assertEquals(stockAdded("hot") - ordersInLog.size(), stock.get("onHand").asLong(),
                "onHand = stock added - units of completed checkouts");

        int retried = (int) attempts.values().stream().filter(count -> count > 1).count();
        System.out.printf("CheckoutClusterIT: %d checkouts sent in %.1f s (%d retried on another instance), "
                + "%d completed, %d rejected %s, %d units sold; all ended %.1f s after the first was sent; slowest "
                + "end after its last step %d ms (bound %d ms); %d invariant samples%n", CHECKOUTS, sendSeconds,
                retried, completed, rejected, reasons, ordersInLog.size(), endSeconds, slowest, bound, samples.get());
    }

    private static char outcome(JsonNode checkout) {
        String reason = checkout.path("reason").asText("");
        return checkout.get("state").asText().equals("COMPLETED") ? 'C' : reason.contains("not enough stock") ? 'R'
                : reason.contains("did not answer") ? 'T' : reason.contains("funds") ? 'P' : 'O';
    }

    /** Sends to the instances in turn; one that does not answer (it was killed) is skipped, with the same key. */
    private static void sendUntilAccepted(String orderId, String body, int n, Map<String, Integer> attempts) {
        for (int attempt = 0;; attempt++) {
            attempts.merge(orderId, 1, Integer::sum);
            List<PackagedApp> alive = List.copyOf(instances);
            PackagedApp target = alive.get((n + attempt) % alive.size());
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(target.url() + "/checkout"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "key-" + orderId)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    return;
                }
                assertTrue(answer.statusCode() == 503, orderId + ": " + answer.statusCode() + " " + answer.body());
            } catch (IOException dead) {
                // the instance died under the request: the retry goes elsewhere
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertTrue(attempt < 20, orderId + " never accepted");
            sleep(200);
        }
    }

    private static JsonNode awaitEnd(String orderId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (PackagedApp instance : List.copyOf(instances)) {
                Answer answer = get(instance, "/store/checkouts/" + orderId
                        + "?waitFor=terminal&waitMs=10000");
                if (answer.statusCode() == 200) {
                    JsonNode checkout = read(answer.body());
                    String state = checkout.get("state").asText();
                    if (state.equals("COMPLETED") || state.equals("REJECTED")) {
                        return checkout;
                    }
                } else {
                    assertTrue(answer.statusCode() == 503 || answer.statusCode() == 404 || answer.statusCode() == 0,
                            orderId + ": " + answer.statusCode() + " " + answer.body());
                    sleep(200);
                }
            }
        }
        throw new AssertionError(orderId + " did not end");
    }

    /** The entity once its {@code field} (what running checkouts hold of it) is back to 0. */
    private static JsonNode awaitIdle(PackagedApp instance, String path, String field) {
        JsonNode[] last = new JsonNode[1];
        await(path + " idle").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer answer = get(instance, path);
            if (answer.statusCode() != 200) {
                return false;
            }
            last[0] = read(answer.body());
            return last[0].get(field).asLong() == 0;
        });
        return last[0];
    }

    private static void sample(AtomicBoolean running, List<String> violations, AtomicInteger samples,
            List<String> customers) {
        int turn = 0;
        while (running.get()) {
            List<PackagedApp> alive = List.copyOf(instances);
            PackagedApp instance = alive.get(turn++ % alive.size());
            Answer product = get(instance, "/store/products/hot");
            if (product.statusCode() == 200) {
                JsonNode stock = read(product.body());
                long onHand = stock.get("onHand").asLong();
                long reserved = stock.get("reserved").asLong();
                if (reserved < 0 || reserved > onHand || onHand > UNITS) {
                    violations.add("product: " + stock);
                }
                samples.incrementAndGet();
            }
            Answer account = get(instance, "/store/accounts/" + customers.get(turn % customers.size()));
            if (account.statusCode() == 200) {
                JsonNode funds = read(account.body());
                if (funds.get("balance").asLong() < 0 || funds.get("held").asLong() < 0
                        || funds.get("held").asLong() > funds.get("balance").asLong()) {
                    violations.add("account: " + funds);
                }
            }
            sleep(50);
        }
    }

    /**
     * Invariant 5: the states in order, repeats folded, are a prefix of RESERVING, AUTHORIZING, VERIFYING, then
     * COMPLETED right after VERIFYING, or REJECTED after any of them; nothing follows the end but more of it.
     */
    private static void assertLegal(String orderId, JsonNode history) {
        List<String> steps = List.of("RESERVING", "AUTHORIZING", "VERIFYING");
        List<String> states = new ArrayList<>();
        history.forEach(entry -> {
            String state = entry.get("state").asText();
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
        });
        String end = states.get(states.size() - 1);
        List<String> before = states.subList(0, states.size() - 1);
        assertEquals(steps.subList(0, before.size()), before, orderId + " steps: " + states);
        assertTrue(end.equals("REJECTED") && !before.isEmpty()
                || end.equals("COMPLETED") && before.size() == steps.size(), orderId + " end: " + states);
    }

    /** From the last entry of a running state to the first entry of the end (invariant 4). */
    private static long lastStepToEnd(JsonNode history) {
        Instant lastStep = null;
        for (JsonNode entry : history) {
            String state = entry.get("state").asText();
            Instant at = Instant.parse(entry.get("at").asText());
            if (state.equals("COMPLETED") || state.equals("REJECTED")) {
                return Duration.between(lastStep, at).toMillis();
            }
            lastStep = at;
        }
        throw new AssertionError("not ended: " + history);
    }

    /** Orders per orderId of this test's checkouts, read from the orders topic's start (committed records). */
    private static Map<String, Integer> ordersInLog() {
        Map<String, Integer> orders = new HashMap<>();
        for (ConsumerRecord<String, Object> record : readAll(Catalog.ORDERS)) {
            if (record.key().startsWith("co-") && record.value() instanceof Order order) {
                assertEquals("1 × Hot item", order.getOrderItemName(), record.key());
                orders.merge(record.key(), 1, Integer::sum);
            }
        }
        return orders;
    }

    private static long stockAdded(String productId) {
        return readAll(Catalog.STOCK_ADJUSTMENTS).stream()
                .filter(record -> productId.equals(record.key()))
                .mapToLong(record -> ((StockAdjusted) record.value()).getDelta())
                .sum();
    }

    private static List<ConsumerRecord<String, Object>> readAll(String topic) {
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.get("kafka.bootstrap.servers"),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                "apicurio.registry.url", infra.get("apicurio.registry.url"),
                "apicurio.registry.use-specific-avro-reader", true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String accepted(PackagedApp instance, String path, String body, String key) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(instance.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), path + ": " + answer.body());
        return answer.headers().firstValue("Consistency-Token").orElseThrow();
    }

    /** An answer to a GET; status 0 when the instance did not answer (it was killed). */
    private record Answer(int statusCode, String body) {
    }

    private static Answer get(PackagedApp instance, String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
