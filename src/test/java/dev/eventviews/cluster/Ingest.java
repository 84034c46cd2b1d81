package dev.eventviews.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.restassured.path.json.JsonPath;

/**
 * Sustained ingest against one instance: several concurrent writers place orders for a few customers, and every
 * fifth request is a greeting, as fast as the instance answers. A writer stops at its first request that is not
 * acknowledged, as a client would back off. Every outcome is counted; acknowledged events are kept for checking.
 */
final class Ingest {

    /** What a writer saw when it stopped, besides 202s: a status code, or one of these. */
    static final String REFUSED = "connection refused";
    static final String DROPPED = "connection dropped";
    static final String TIMED_OUT = "timed out";

    record Order(String orderId, String customerId) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String run;
    private final List<String> customerIds;
    private final int writerCount;
    private final ExecutorService writers;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean stopping;

    private final Queue<Order> orders = new ConcurrentLinkedQueue<>();
    private final Queue<String> greetings = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();

    private Ingest(String baseUrl, String run, List<String> customerIds, int writerCount) {
        this.base = URI.create(baseUrl);
        this.run = run;
        this.customerIds = customerIds;
        this.writerCount = writerCount;
        this.writers = Executors.newFixedThreadPool(writerCount);
        for (int i = 0; i < writerCount; i++) {
            writers.execute(this::write);
        }
    }

    static Ingest start(String baseUrl, String run, List<String> customerIds, int writers) {
        return new Ingest(baseUrl, run, customerIds, writers);
    }

    /** Blocks until this many events were acknowledged, so that the disruption hits sustained ingest. */
    void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged() < count) {
            if (System.nanoTime() > deadline || writersStopped()) {
                throw new AssertionError("Only " + acknowledged() + " events acknowledged; writers ended with "
                        + endings());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for every writer to finish its last request. */
    void stop() throws InterruptedException {
        stopping = true;
        writers.shutdown();
        if (!writers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("A writer is still waiting for an answer after 60 s");
        }
    }

    int acknowledged() {
        return orders.size() + greetings.size();
    }

    List<Order> acknowledgedOrders() {
        return List.copyOf(orders);
    }

    List<String> acknowledgedGreetings() {
        return List.copyOf(greetings);
    }

    /** How the writers stopped, other than by being told to: outcome to number of writers. */
    Map<String, Integer> endings() {
        Map<String, Integer> counts = new TreeMap<>();
        endings.forEach((ending, count) -> counts.put(ending, count.get()));
        return counts;
    }

    private boolean writersStopped() {
        return endings.values().stream().mapToInt(AtomicInteger::get).sum() == writerCount;
    }

    private void write() {
        while (!stopping) {
            long n = sequence.incrementAndGet();
            boolean greeting = n % 5 == 0;
            String customerId = customerIds.get((int) (n % customerIds.size()));
            String orderId = run + "-o" + n;
            String body = greeting ? "{\"message\":\"hello " + run + " " + n + "\"}"
                    : "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId
                            + "\",\"orderItemName\":\"item " + n + "\"}";
            String path = greeting ? "/events/greetings" : "/events/orders";
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            String ending = send(request, response -> {
                if (greeting) {
                    greetings.add(JsonPath.from(response.body()).getString("key"));
                } else {
                    orders.add(new Order(orderId, customerId));
                }
            });
            if (ending != null) {
                endings.computeIfAbsent(ending, key -> new AtomicInteger()).incrementAndGet();
                return;
            }
        }
    }

    /** Sends and hands a 202 to {@code acknowledged}; otherwise returns how the request ended. */
    private String send(HttpRequest request, Consumer<HttpResponse<String>> acknowledged) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                acknowledged.accept(response);
                return null;
            }
            return Integer.toString(response.statusCode());
        } catch (ConnectException e) {
            return REFUSED;
        } catch (HttpTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return DROPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DROPPED;
        }
    }
}
