package dev.eventviews.read;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.eventviews.topology.TopologyLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * Read-your-writes for views derived through internal topics (the customer-orders rows, fed through a repartition
 * topic), whose IQv2 positions count internal-topic offsets that a client's token cannot name.
 * <p>
 * With exactly-once processing, a task's input offsets are committed in the same transaction as its outputs. So
 * once the application has committed past the written record, everything it caused is in the internal topics;
 * once it has then committed past the internal topics' last stable offsets, that has been processed too. Each
 * internal topic is one hop, so as many rounds as there are internal topics cover the longest chain. This waits
 * for more than the one write (everything written before it as well), never for less.
 */
@ApplicationScoped
public class ConsistencyBarrier {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Admin admin;
    private final String groupId;
    private final List<String> internalTopics;
    private List<TopicPartition> internalPartitions;

    @Inject
    ConsistencyBarrier(Admin admin, TopologyLayout layout,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        this.admin = admin;
        this.groupId = applicationId;
        this.internalTopics = layout.internalTopics();
    }

    /** Blocks until the derived views reflect the token's record, or throws when {@code deadline} passes. */
    void await(ConsistencyToken token, long deadlineNanos) {
        awaitCommitted(Map.of(new TopicPartition(token.topic(), token.partition()), token.offset() + 1),
                deadlineNanos);
        for (int hop = 0; hop < internalTopics.size(); hop++) {
            awaitCommitted(lastStableOffsets(), deadlineNanos);
        }
    }

    private void awaitCommitted(Map<TopicPartition, Long> targets, long deadlineNanos) {
        while (!committedReach(targets)) {
            if (System.nanoTime() > deadlineNanos) {
                throw new DeadlinePassed();
            }
            sleep();
        }
    }

    private boolean committedReach(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata());
        return targets.entrySet().stream().allMatch(target -> {
            OffsetAndMetadata offset = committed.get(target.getKey());
            return (offset == null ? 0 : offset.offset()) >= target.getValue();
        });
    }

    private Map<TopicPartition, Long> lastStableOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private synchronized List<TopicPartition> partitions() {
        if (internalPartitions == null) {
            internalPartitions = get(admin.describeTopics(internalTopics).allTopicNames()).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .toList();
        }
        return internalPartitions;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ViewUnavailableException("The Kafka cluster did not answer a consistency check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(e);
        }
    }

    /** The caller turns this into a {@link ConsistencyTimeoutException} naming the view. */
    static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
