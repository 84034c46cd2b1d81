package dev.eventviews.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A non-blocking HTTP/1.1 client for the load (Vert.x, already on the classpath through Quarkus): one event loop
 * and a bounded pool of keep-alive connections, so a few threads drive thousands of requests per second on a
 * machine the server shares. Requests beyond the pool wait in the client's queue, and that wait counts in their
 * latency.
 */
public final class Http implements AutoCloseable {

    public static final String JSON = "application/json";
    /** The first few unexpected answers are printed, so a failing run says why. */
    private static final int FAILURES_SHOWN = 3;

    /** An HTTP answer: status and body. */
    public record Reply(int status, String body) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final AtomicInteger failuresShown = new AtomicInteger();

    public Http(String baseUrl, int connections) {
        URI base = URI.create(baseUrl);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    public CompletableFuture<Reply> get(String path) {
        return send(HttpMethod.GET, path, null, null);
    }

    public CompletableFuture<Reply> post(String path, String contentType, String body) {
        return send(HttpMethod.POST, path, contentType, body);
    }

    /** Completes exceptionally unless the answer has the expected status: an error for the load's count. */
    public CompletableFuture<Reply> expect(int status, CompletableFuture<Reply> reply) {
        return reply.thenApply(answer -> {
            if (answer.status() != status) {
                if (failuresShown.getAndIncrement() < FAILURES_SHOWN) {
                    Progress.say("unexpected HTTP %d (wanted %d): %.300s", answer.status(), status, answer.body());
                }
                throw new IllegalStateException("HTTP " + answer.status());
            }
            return answer;
        });
    }

    private CompletableFuture<Reply> send(HttpMethod method, String path, String contentType, String body) {
        return client.request(new RequestOptions().setMethod(method).setURI(path))
                .compose(request -> {
                    if (body == null) {
                        return request.send();
                    }
                    request.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
                    return request.send(Buffer.buffer(body, StandardCharsets.UTF_8.name()));
                })
                .compose(response -> response.body()
                        .map(bytes -> new Reply(response.statusCode(), bytes.toString(StandardCharsets.UTF_8))))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
