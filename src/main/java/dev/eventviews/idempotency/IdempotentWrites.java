package dev.eventviews.idempotency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.eventviews.registry.SchemaRegistryFailures;
import dev.eventviews.registry.SchemaRegistryUnavailableException;
import dev.eventviews.topology.Catalog;
import dev.eventviews.write.Appended;
import dev.eventviews.write.EventLogUnavailableException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs a write with an Idempotency-Key at most once: a retry gets the first answer again, and a key sent with a
 * different request is refused.
 * <p>
 * The first answers live in the global store that {@link FirstAnswers} builds from the events themselves, so they
 * survive restarts and every instance knows them, a moment (about one commit interval) after the write. For that
 * moment, and for a retry that arrives while the first attempt is still running, this instance remembers its own
 * writes: the running ones, and the latest {@value #RECENT_ANSWERS} answers.
 */
@ApplicationScoped
public class IdempotentWrites {

    static final int RECENT_ANSWERS = 10_000;

    private record Answer(String fingerprint, Appended appended) {
    }

    private record Running(String fingerprint, Uni<Appended> write) {
    }

    @Inject
    KafkaStreams streams;

    // Guarded by this.
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, Answer> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > RECENT_ANSWERS;
        }
    };

    public Uni<Appended> once(IdempotencyKey key, String fingerprint, Supplier<Uni<Appended>> write) {
        // Reading the store deserializes the answer, which may ask the schema registry and wait: never on the event
        // loop (the registry client's own I/O may need it).
        return Uni.createFrom().deferred(() -> onceNow(key, fingerprint, write))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<Appended> onceNow(IdempotencyKey key, String fingerprint, Supplier<Uni<Appended>> write) {
        String scoped = key.scoped();
        synchronized (this) {
            Uni<Appended> known = known(key, scoped, fingerprint);
            if (known != null) {
                return known;
            }
        }
        FirstAnswer stored = stored(scoped);
        if (stored != null) {
            return replay(key, fingerprint, stored.getFingerprint(), appended(stored));
        }
        synchronized (this) {
            // Checked again: the same key may have started here while the store was read.
            Uni<Appended> known = known(key, scoped, fingerprint);
            if (known != null) {
                return known;
            }
            // Memoized, so that a retry arriving meanwhile shares this write; it completes even if its client left.
            Uni<Appended> first = write.get()
                    .onItemOrFailure().invoke((appended, failure) -> finished(scoped, fingerprint, appended))
                    .memoize().indefinitely();
            running.put(scoped, new Running(fingerprint, first));
            return first;
        }
    }

    /**
     * Runs the items of a bulk write at most once each. Each item has its own key ({@link IdempotencyKey#item}) and
     * all carry the fingerprint of the whole batch, so the key sent with another batch is refused (the whole request,
     * before anything is written). An item answered before gets that answer again; the others (never sent, or not
     * acknowledged: a 503 item is not an answer) are appended together by {@code appendMissing}, which is given their
     * indexes and returns their acknowledgements in that order.
     */
    public Uni<List<CompletableFuture<Appended>>> onceEach(List<IdempotencyKey> keys, String fingerprint,
            Function<List<Integer>, List<CompletableFuture<Appended>>> appendMissing) {
        return Uni.createFrom().item(() -> onceEachNow(keys, fingerprint, appendMissing))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private List<CompletableFuture<Appended>> onceEachNow(List<IdempotencyKey> keys, String fingerprint,
            Function<List<Integer>, List<CompletableFuture<Appended>>> appendMissing) {
        List<FirstAnswer> stored = keys.stream().map(key -> stored(key.scoped())).toList();
        List<CompletableFuture<Appended>> answers = new ArrayList<>(Collections.nCopies(keys.size(), null));
        List<Integer> missing = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < keys.size(); i++) {
                Uni<Appended> answer = answered(keys.get(i), fingerprint, stored.get(i));
                if (answer == null) {
                    missing.add(i);
                } else {
                    answers.set(i, answer.subscribeAsCompletionStage());
                }
            }
            for (CompletableFuture<Appended> answer : answers) {
                // A refused key fails at once; nothing of this batch has been sent.
                if (answer != null && answer.handle((appended, failure) -> failure).getNow(null)
                        instanceof IdempotencyKeyReusedException reused) {
                    throw reused;
                }
            }
            if (missing.isEmpty()) {
                return answers;
            }
            List<CompletableFuture<Appended>> appended = appendMissing.apply(missing);
            for (int j = 0; j < missing.size(); j++) {
                String scoped = keys.get(missing.get(j)).scoped();
                CompletableFuture<Appended> write = appended.get(j);
                running.put(scoped, new Running(fingerprint, Uni.createFrom().completionStage(write)
                        .memoize().indefinitely()));
                write.whenComplete((result, failure) -> finished(scoped, fingerprint, result));
                answers.set(missing.get(j), write);
            }
        }
        return answers;
    }

    /** The running write or the answer (recent, else {@code stored}) for this key, or null if it has none. */
    private Uni<Appended> answered(IdempotencyKey key, String fingerprint, FirstAnswer stored) {
        Uni<Appended> known = known(key, key.scoped(), fingerprint);
        if (known != null || stored == null) {
            return known;
        }
        return replay(key, fingerprint, stored.getFingerprint(), appended(stored));
    }

    /** The running write or the recent answer for this key, or null. A running write is shared, not repeated. */
    private Uni<Appended> known(IdempotencyKey key, String scoped, String fingerprint) {
        Running write = running.get(scoped);
        if (write != null) {
            return write.fingerprint().equals(fingerprint) ? write.write()
                    : Uni.createFrom().failure(new IdempotencyKeyReusedException(key.operation()));
        }
        Answer answer = recent.get(scoped);
        return answer == null ? null : replay(key, fingerprint, answer.fingerprint(), answer.appended());
    }

    /** A failed write is forgotten: its outcome is unknown, and the retry will run it again. */
    private synchronized void finished(String scoped, String fingerprint, Appended appended) {
        if (appended != null) {
            recent.put(scoped, new Answer(fingerprint, appended));
        }
        running.remove(scoped);
    }

    private static Uni<Appended> replay(IdempotencyKey key, String fingerprint, String firstFingerprint,
            Appended first) {
        return fingerprint.equals(firstFingerprint) ? Uni.createFrom().item(first)
                : Uni.createFrom().failure(new IdempotencyKeyReusedException(key.operation()));
    }

    private static Appended appended(FirstAnswer stored) {
        return new Appended(stored.getKey(), stored.getTopic(), stored.getPartition(), stored.getOffset());
    }

    private FirstAnswer stored(String scoped) {
        try {
            ReadOnlyKeyValueStore<String, FirstAnswer> store = streams.store(StoreQueryParameters.fromNameAndType(
                    Catalog.FIRST_ANSWERS.name(), QueryableStoreTypes.keyValueStore()));
            return store.get(scoped);
        } catch (InvalidStateStoreException e) {
            throw new EventLogUnavailableException("Idempotency keys unavailable",
                    "This instance cannot check Idempotency-Keys yet (it is starting); nothing was stored."
                            + " Retry later",
                    "The idempotency-key store cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (SchemaRegistryFailures.involved(e)) {
                throw new SchemaRegistryUnavailableException(e);
            }
            throw e;
        }
    }
}
