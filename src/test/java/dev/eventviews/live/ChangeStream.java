package dev.eventviews.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client of {@code GET /store/changes/{view}}: an open Server-Sent Events stream, parsed as it arrives. */
public final class ChangeStream implements AutoCloseable {

    // Generous: an instance started against a busy topic first folds in everything already there.
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> changes = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    /** Returns once the stream is open (its headers are in): from then on, every change reaches it. */
    public static ChangeStream open(String url) throws Exception {
        return new ChangeStream(URI.create(url));
    }

    private ChangeStream(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(this::read, "change-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next change to {@code key}, skipping changes to other keys (other tests share the views). */
    public JsonNode next(String key) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode change = changes.poll(100, TimeUnit.MILLISECONDS);
            if (change != null && change.path("key").asText().equals(key)) {
                return change;
            }
        }
        return fail("No change to " + key + " arrived within " + WAIT);
    }

    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        try {
            response.body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> changes.add(parse(line.substring("data:".length()))));
        } catch (UncheckedIOException closed) {
            // close() ended the stream
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
