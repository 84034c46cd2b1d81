package dev.eventviews.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import dev.eventviews.bench.load.Progress;
import dev.eventviews.topology.Catalog;

/**
 * How far a Kafka Streams application is behind the log: over every partition it consumes (the event topics, and
 * its own repartition and foreign-key-join topics), the committed records it has not committed having processed.
 * At zero, every view holds every event written so far.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;

    public ConsumerLag(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Blocks until the application has caught up ({@link #caughtUpAt}).
     *
     * @return the total number of events on the event topics it has processed
     */
    public long awaitCaughtUp(String applicationId, Duration timeout) {
        caughtUpAt(applicationId, timeout);
        try {
            return endOffsets(partitions(Catalog.EVENT_TOPICS)).values().stream().mapToLong(Long::longValue).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + applicationId, e);
        }
    }

    /**
     * Blocks until the application's lag is zero on two polls in a row.
     *
     * @return when the first of them began ({@link System#nanoTime()}): the application had caught up by about then
     */
    public long caughtUpAt(String applicationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + Progress.EVERY.toNanos();
        int zeroInARow = 0;
        long firstZeroAt = 0;
        try {
            while (zeroInARow < 2) {
                long polledAt = System.nanoTime();
                long lag = lag(applicationId);
                zeroInARow = lag == 0 ? zeroInARow + 1 : 0;
                if (zeroInARow == 1) {
                    firstZeroAt = polledAt;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            applicationId + " still " + lag + " records behind after " + timeout);
                }
                if (System.nanoTime() > nextReport) {
                    Progress.say("%s: %,d records behind", applicationId, lag);
                    nextReport = System.nanoTime() + Progress.EVERY.toNanos();
                }
                Thread.sleep(POLL.toMillis());
            }
            return firstZeroAt;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + applicationId, e);
        }
    }

    /** Records not yet processed, in total. */
    public long lag(String applicationId) throws InterruptedException {
        // Committed offsets first, then the ends: a transaction committing in between can only make this larger.
        Map<TopicPartition, OffsetAndMetadata> committed = get(
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> ends = endOffsets(partitions(consumedTopics(applicationId)));
        return ends.entrySet().stream()
                .mapToLong(end -> {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    return Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
                })
                .sum();
    }

    /**
     * Kafka Streams names its internal topics {@code <application.id>-<name>-repartition} (group-by) and
     * {@code ...-topic} (foreign-key join); changelogs are only read on restore.
     */
    private List<String> consumedTopics(String applicationId) throws InterruptedException {
        Set<String> topics = get(admin.listTopics().names());
        return Stream.concat(Catalog.EVENT_TOPICS.stream(), topics.stream()
                .filter(topic -> topic.startsWith(applicationId + "-"))
                .filter(topic -> topic.endsWith("-repartition") || topic.endsWith("-topic")))
                .toList();
    }

    private List<TopicPartition> partitions(List<String> topics) throws InterruptedException {
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
    }

    /** The last committed offsets (read_committed, as Kafka Streams reads under exactly-once). */
    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
