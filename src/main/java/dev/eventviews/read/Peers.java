package dev.eventviews.read;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.http.Headers;

/**
 * The HTTP client for the other instances of the service: it asks them the same read with {@code ?scope=local},
 * so that any instance answers any read. An instance asked with local scope never forwards again, so requests
 * cannot loop. It knows nothing of the request being served beyond the address and options it is handed.
 */
@ApplicationScoped
public class Peers {

    private static final List<String> PASSED_ON = List.of(Headers.ANSWERED_BY, Headers.STANDBY_LAG,
            Headers.RETRY_AFTER, "Content-Type");

    private static final Logger LOG = Logger.getLogger(Peers.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    ObjectMapper mapper;

    @Inject
    EventViewsConfig config;

    /**
     * Answers a key read from the first candidate that can: the active instance, else a standby. An instance that
     * is down or answers 5xx (typically mid-rebalance) is skipped.
     */
    <V> KeyLookup.Forwarded<V> forward(List<HostInfo> candidates, URI request, ReadOptions options) {
        for (HostInfo candidate : candidates) {
            Optional<HttpResponse<byte[]>> answer = getAsync(candidate, request, options).join();
            if (answer.isPresent() && answer.get().statusCode() < 500) {
                Map<String, String> headers = new LinkedHashMap<>();
                PASSED_ON.forEach(name -> answer.get().headers().firstValue(name)
                        .ifPresent(value -> headers.put(name, value)));
                return new KeyLookup.Forwarded<>(answer.get().statusCode(), answer.get().body(), headers);
            }
        }
        throw new ViewUnavailableException("No instance holding this key answered");
    }

    /**
     * The other instances' pages of the same list request, from their own partitions, with which partitions those
     * are. All of them are asked at once, so a list costs one round trip, however many instances there are.
     */
    <V> List<ListPart<V>> pages(List<HostInfo> others, URI request, ReadOptions options, Class<V> valueType) {
        JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, valueType);
        List<CompletableFuture<Optional<HttpResponse<byte[]>>>> answers = others.stream()
                .map(peer -> getAsync(peer, request, options))
                .toList();
        List<ListPart<V>> parts = new ArrayList<>(others.size());
        for (int i = 0; i < others.size(); i++) {
            HostInfo peer = others.get(i);
            HttpResponse<byte[]> answer = ok(peer, request, answers.get(i).join());
            Set<Integer> partitions = answer.headers().firstValue(Headers.COVERED_PARTITIONS)
                    .map(ListPart::parsePartitionList).orElse(Set.of());
            parts.add(new ListPart<>(parse(peer, request, answer, pageType), partitions));
        }
        return parts;
    }

    /** Another instance's report about itself (a list of one, as it answers with local scope). */
    List<Instance> instances(HostInfo peer, URI request, ReadOptions options) {
        JavaType report = mapper.getTypeFactory().constructCollectionType(List.class, Instance.class);
        return parse(peer, request, ok(peer, request, getAsync(peer, request, options).join()), report);
    }

    // Clients learn that another instance failed, not its (internal) address: that goes to the log.
    private static HttpResponse<byte[]> ok(HostInfo peer, URI request, Optional<HttpResponse<byte[]>> response) {
        Optional<HttpResponse<byte[]>> answer = response.filter(candidate -> candidate.statusCode() == 200);
        if (answer.isEmpty()) {
            LOG.warnf("Instance %s:%d did not answer %s", peer.host(), peer.port(), request);
            throw new ViewUnavailableException("Another instance holding part of this view did not answer");
        }
        return answer.get();
    }

    private <T> T parse(HostInfo peer, URI request, HttpResponse<byte[]> answer, JavaType type) {
        try {
            return mapper.readValue(answer.body(), type);
        } catch (IOException e) {
            LOG.warnf(e, "Instance %s:%d gave an unreadable answer to %s", peer.host(), peer.port(), request);
            throw new ViewUnavailableException("Another instance gave an unreadable answer", e);
        }
    }

    /** Empty when the peer cannot be reached, or does not answer in time. */
    private CompletableFuture<Optional<HttpResponse<byte[]>>> getAsync(HostInfo peer, URI request,
            ReadOptions options) {
        URI local = UriBuilder.fromUri(request)
                .scheme("http").host(peer.host()).port(peer.port())
                .replaceQueryParam(ReadParams.SCOPE, ReadParams.LOCAL)
                .build();
        // The peer waits for the token where it reads its store; this instance waited for nothing.
        HttpRequest.Builder get = HttpRequest.newBuilder(local)
                .header("Accept", "application/json")
                .timeout(config.query().forwardTimeout().plus(config.query().consistencyTimeout()).plus(options.waitForKey()));
        if (options.token() != null) {
            get.header(Headers.CONSISTENCY_TOKEN, options.token().toString());
        }
        return http.sendAsync(get.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, unreachable) -> Optional.ofNullable(unreachable == null ? response : null));
    }
}
