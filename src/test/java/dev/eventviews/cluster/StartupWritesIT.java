package dev.eventviews.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.eventviews.RealInfrastructure;

/**
 * Writes with and without an Idempotency-Key, many at once and several with the same key, sent while the packaged
 * application starts again after a crash and right after it reports ready: the moment when its idempotency keys may
 * not be readable yet. Every answer is a 202, a 4xx, or a 503 problem the client can retry: never another 5xx.
 * The restarts repeat ({@code -Dstartup-writes.restarts}, 1 by default), as the failure this guards against was a
 * race.
 */
class StartupWritesIT {

    private static final Logger LOG = Logger.getLogger(StartupWritesIT.class);
    private static final int RESTARTS = Integer.getInteger("startup-writes.restarts", 1);
    /** Writes in flight at once, from when the port opens until a while after the instance is ready. */
    private static final int CONCURRENT = 24;
    private static final Duration AFTER_READY = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static Map<String, String> config;
    private static Path dir;
    private static PackagedApp app;

    @BeforeAll
    static void startInstance() {
        config = Instances.config(new RealInfrastructure().start(), "startup-writes-it", Map.of());
        dir = Instances.newDir("startup-writes");
        app = PackagedApp.start("app", dir, config);
    }

    @AfterAll
    static void stopInstance() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldAnswerEveryWriteDuringAndRightAfterARestartWithoutAServerError() throws Exception {
        // A key with a first answer in the log: after the restart its retry is answered from the idempotency store.
        String storedKey = UUID.randomUUID().toString();
        assertEquals(202, post(storedKey, "stored").statusCode());

        List<String> serverErrors = new ArrayList<>();
        int answered = 0;
        for (int restart = 1; restart <= RESTARTS; restart++) {
            app.kill();
            long logBefore = Files.size(app.logFile());
            Burst burst = new Burst(app.url(), storedKey);
            Thread writers = new Thread(burst::run, "startup-writers");
            writers.start();
            app = PackagedApp.start("app", dir, app.port(), config);
            Thread.sleep(AFTER_READY.toMillis());
            burst.stop();
            writers.join();
            answered += burst.answered.get();
            LOG.infof("Restart %d: %d writes answered, %d server errors", restart, burst.answered.get(),
                    burst.serverErrors.size());
            if (!burst.serverErrors.isEmpty()) {
                serverErrors.addAll(burst.serverErrors);
                LOG.error("The instance's log around the failure:\n" + failureLog(logBefore));
            }
        }
        LOG.infof("%d restarts, %d writes answered", RESTARTS, answered);
        assertEquals(List.of(), serverErrors, "5xx answers other than a 503 problem");
    }

    /**
     * Keeps {@link #CONCURRENT} writes in flight until stopped: retries of the stored key, a fresh key shared by
     * several concurrent writes, and writes without a key. A refused connection (not listening yet) is retried.
     */
    private static final class Burst {

        private final String url;
        private final String storedKey;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicInteger answered = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();

        Burst(String url, String storedKey) {
            this.url = url;
            this.storedKey = storedKey;
        }

        void run() {
            int round = 0;
            while (!stopped.get()) {
                String sharedKey = UUID.randomUUID().toString();
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    writes.add(switch (i % 3) {
                        case 0 -> send(storedKey, "stored");
                        case 1 -> send(sharedKey, "shared " + round);
                        default -> send(null, "unkeyed " + round);
                    });
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
                round++;
            }
        }

        void stop() {
            stopped.set(true);
        }

        private CompletableFuture<Void> send(String key, String message) {
            return HTTP.sendAsync(request(url, key, message), HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        if (failure != null) {
                            pause(); // not listening yet, or closed by the kill
                            return null;
                        }
                        answered.incrementAndGet();
                        if (isServerError(response)) {
                            serverErrors.add(response.statusCode() + " for key " + key + ": " + response.body());
                        }
                        return null;
                    });
        }
    }

    /** A 503 with a problem body is an answer the client acts on (retry later); any other 5xx is a fault. */
    private static boolean isServerError(HttpResponse<String> response) {
        int status = response.statusCode();
        boolean retryLater = status == 503 && response.headers().firstValue("Content-Type")
                .filter(type -> type.startsWith("application/problem+json")).isPresent();
        return status >= 500 && !retryLater;
    }

    private static HttpResponse<String> post(String key, String message) throws IOException, InterruptedException {
        return HTTP.send(request(app.url(), key, message), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String url, String key, String message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/events/customers"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(customer(message)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.build();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String failureLog(long fromByte) throws IOException {
        String log = Files.readString(app.logFile());
        String since = log.substring((int) Math.min(fromByte, log.length()));
        int failure = since.indexOf("Exception");
        return failure < 0 ? "(no exception logged)"
                : since.substring(Math.max(0, failure - 2000), Math.min(since.length(), failure + 8000));
    }

    /** Customers, not greetings: a round rewrites its own few customers, so a view list does not fill up. */
    private static String customer(String id) {
        return "{\"customerId\":\"" + id.replace(' ', '-') + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"email\":\"ada@example.com\"}";
    }
}
