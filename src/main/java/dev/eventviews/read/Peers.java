package dev.eventviews.read;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Reads from the other instances of the service, over the same HTTP API with {@code ?scope=local}, so that any
 * instance answers any read. A peer asked with local scope never forwards again, so requests cannot loop.
 */
@ApplicationScoped
public class Peers {

    /** Response header: the instance (host:port) whose store answered. */
    public static final String ANSWERED_BY = "Answered-By";
    /** Response header: set when a standby answered, with how many records it lags behind the active store. */
    public static final String STANDBY_LAG = "Standby-Lag";
    /** Response header of a local-scope list: the store partitions the page was read from, e.g. {@code 0,2,5}. */
    static final String COVERED_PARTITIONS = "Covered-Partitions";
    private static final List<String> PASSED_ON = List.of(ANSWERED_BY, STANDBY_LAG, "Retry-After", "Content-Type");

    private static final Logger LOG = Logger.getLogger(Peers.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    ObjectMapper mapper;

    @Inject
    QueryConfig config;

    /**
     * Answers a key read from the first candidate that can: the active instance, else a standby. An instance that
     * is down or answers 5xx (typically mid-rebalance) is skipped.
     */
    Response forward(List<HostInfo> candidates, UriInfo uri, HttpHeaders headers, Duration wait) {
        for (HostInfo candidate : candidates) {
            Optional<HttpResponse<byte[]>> answer = get(candidate, uri, headers, wait);
            if (answer.isPresent() && answer.get().statusCode() < 500) {
                Response.ResponseBuilder response = Response.status(answer.get().statusCode())
                        .entity(answer.get().body());
                PASSED_ON.forEach(name -> answer.get().headers().firstValue(name)
                        .ifPresent(value -> response.header(name, value)));
                return response.build();
            }
        }
        throw new ViewUnavailableException("No instance holding this key answered");
    }

    /**
     * The other instances' pages of the same list request, from their own partitions, with which partitions those
     * are. All of them are asked at once, so a list costs one round trip, however many instances there are.
     */
    <V> List<ListPart<V>> pages(List<HostInfo> others, UriInfo uri, HttpHeaders headers, Class<V> valueType) {
        JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, valueType);
        List<CompletableFuture<Optional<HttpResponse<byte[]>>>> answers = others.stream()
                .map(peer -> getAsync(peer, uri, headers, Duration.ZERO))
                .toList();
        // The answers are read here, on the request's thread: the request's context (uri, headers) is not active on
        // the HTTP client's threads.
        List<ListPart<V>> parts = new ArrayList<>(others.size());
        for (int i = 0; i < others.size(); i++) {
            HostInfo peer = others.get(i);
            parts.add(part(peer, uri, ok(peer, uri, answers.get(i).join()), pageType));
        }
        return parts;
    }

    private <V> ListPart<V> part(HostInfo peer, UriInfo uri, HttpResponse<byte[]> answer, JavaType pageType) {
        Set<Integer> partitions = answer.headers().firstValue(COVERED_PARTITIONS).stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .filter(partition -> !partition.isBlank())
                .map(Integer::valueOf)
                .collect(Collectors.toSet());
        return new ListPart<>(parse(peer, uri, answer, pageType), partitions);
    }

    static String partitionList(Set<Integer> partitions) {
        return partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Another instance's report about itself. */
    <T> T read(HostInfo peer, UriInfo uri, HttpHeaders headers, JavaType type) {
        return parse(peer, uri, answer(peer, uri, headers), type);
    }

    // Clients learn that another instance failed, not its (internal) address: that goes to the log.
    private HttpResponse<byte[]> answer(HostInfo peer, UriInfo uri, HttpHeaders headers) {
        return ok(peer, uri, get(peer, uri, headers, Duration.ZERO));
    }

    private static HttpResponse<byte[]> ok(HostInfo peer, UriInfo uri, Optional<HttpResponse<byte[]>> response) {
        Optional<HttpResponse<byte[]>> answer = response.filter(candidate -> candidate.statusCode() == 200);
        if (answer.isEmpty()) {
            LOG.warnf("Instance %s:%d did not answer %s", peer.host(), peer.port(), uri.getRequestUri());
            throw new ViewUnavailableException("Another instance holding part of this view did not answer");
        }
        return answer.get();
    }

    private <T> T parse(HostInfo peer, UriInfo uri, HttpResponse<byte[]> answer, JavaType type) {
        try {
            return mapper.readValue(answer.body(), type);
        } catch (IOException e) {
            LOG.warnf(e, "Instance %s:%d gave an unreadable answer to %s", peer.host(), peer.port(),
                    uri.getRequestUri());
            throw new ViewUnavailableException("Another instance gave an unreadable answer", e);
        }
    }

    private Optional<HttpResponse<byte[]>> get(HostInfo peer, UriInfo uri, HttpHeaders headers, Duration wait) {
        return getAsync(peer, uri, headers, wait).join();
    }

    /** Empty when the peer cannot be reached, or does not answer in time. */
    private CompletableFuture<Optional<HttpResponse<byte[]>>> getAsync(HostInfo peer, UriInfo uri,
            HttpHeaders headers, Duration wait) {
        URI local = uri.getRequestUriBuilder()
                .scheme("http").host(peer.host()).port(peer.port())
                .replaceQueryParam("scope", ReadParams.LOCAL)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(local)
                .header("Accept", "application/json")
                .timeout(config.forwardTimeout().plus(config.consistencyTimeout()).plus(wait));
        Optional.ofNullable(headers.getHeaderString(ConsistencyToken.HEADER))
                .ifPresent(token -> request.header(ConsistencyToken.HEADER, token));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, unreachable) -> Optional.ofNullable(unreachable == null ? response : null));
    }
}
