package dev.eventviews.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import dev.eventviews.write.Appended;
import dev.eventviews.write.EventLogUnavailableException;

/**
 * A keyed bulk write: each item is written at most once, a partly failed batch is not remembered as answered (its
 * retry writes the items that failed, and only those), and the key sent with another batch is refused.
 */
class IdempotentWritesTest {

    private static final IdempotencyKey BATCH = new IdempotencyKey("POST /events/customers", "batch-1");
    private static final List<IdempotencyKey> ITEMS = IntStream.range(0, 3).mapToObj(BATCH::item).toList();

    private final IdempotentWrites writes = new IdempotentWrites();
    private final List<List<Integer>> sent = new ArrayList<>();
    private long nextOffset;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void noStoredAnswers() {
        writes.streams = Mockito.mock(KafkaStreams.class);
        Mockito.when(writes.streams.store(Mockito.any())).thenReturn(Mockito.mock(ReadOnlyKeyValueStore.class));
    }

    @Test
    void shouldWriteOnRetryOnlyTheItemsThatFailed() {
        List<CompletableFuture<Appended>> first = run("fingerprint", 1);
        assertTrue(first.get(1).isCompletedExceptionally(), "the second item was not acknowledged");

        List<CompletableFuture<Appended>> retry = run("fingerprint", -1);

        assertEquals(List.of(List.of(0, 1, 2), List.of(1)), sent, "the retry sends the failed item only");
        assertEquals(first.get(0).join(), retry.get(0).join());
        assertEquals(first.get(2).join(), retry.get(2).join());
        assertEquals(2, retry.get(1).join().offset(), "the failed item is written now");
        assertEquals(List.of(retry.get(0).join(), retry.get(1).join(), retry.get(2).join()),
                run("fingerprint", -1).stream().map(CompletableFuture::join).toList(), "then all answers stand");
        assertEquals(2, sent.size(), "and nothing more is sent");
    }

    @Test
    void shouldRefuseTheKeyWithAnotherBatchAndSendNothing() {
        run("fingerprint", -1);

        assertThrows(IdempotencyKeyReusedException.class, () -> run("another", -1));
        assertEquals(1, sent.size());
    }

    @Test
    void shouldCarryEachItemsOwnKeyAndTheBatchFingerprint() {
        assertEquals("POST /events/customers batch-1 item 2", ITEMS.get(2).scoped());
        assertEquals("fingerprint", new String(ITEMS.get(2).headers("fingerprint").get(1).value(), UTF_8));
    }

    /** One attempt at the batch; the item at {@code failing} (if sent) is not acknowledged. */
    private List<CompletableFuture<Appended>> run(String fingerprint, int failing) {
        try {
            return writes.onceEach(ITEMS, fingerprint, missing -> {
                sent.add(missing);
                return missing.stream().map(i -> i == failing
                        ? CompletableFuture.<Appended>failedFuture(new EventLogUnavailableException(
                                new RuntimeException("not acknowledged")))
                        : CompletableFuture.completedFuture(new Appended("c" + i, "customers", 0, nextOffset++)))
                        .toList();
            }).await().indefinitely();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
