package dev.eventviews.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.eventviews.registry.ValueSerdes;
import dev.eventviews.topology.Catalog;
import dev.eventviews.topology.Catalog.View;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads every change to the views from their changelog topics ({@code <application-id>-<view>-changelog}, which
 * Kafka Streams writes for each store) and hands it to {@link ViewChanges}.
 * <p>
 * Each instance of the service holds only some partitions of each view, so its own stores see only some of the
 * changes; the changelogs carry all of them. Hence one plain consumer per instance, without a consumer group,
 * assigned every partition. It reads committed records only: under exactly_once_v2 the changelogs also hold the
 * writes of aborted transactions, which never became part of a view. It starts at the end, because subscribers
 * want what changes from now on; a changelog that appears later (Kafka Streams creates them on its first start)
 * is read from its beginning, since all of it is new. It keeps reading when nobody follows a view, so that its
 * positions stay at "now", but deserializes only the changes someone follows: a rebuild or a bulk load changes
 * millions of entries, and deserializing each of them for no one cost a rebuild about a fifth of its rate.
 * <p>
 * A view that joins another store when it is read changes when that store does: the customer-orders feed sends
 * the changes of its rows (key {@code <customerId>,<orderId>}, value the order) and of the customers (key
 * {@code <customerId>}, value the customer), each as small as the change itself.
 */
@Singleton
public class ChangelogReader {

    private static final Logger LOG = Logger.getLogger(ChangelogReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    /** How often to look for changelog topics that do not exist yet, and how long to back off after a failure. */
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    /** The views that show another view's entries too, by the name of that other view. */
    private static final Map<String, List<String>> JOINED_BY = Map.of(Catalog.CUSTOMERS_VIEW.name(),
            List.of(Catalog.CUSTOMER_ORDER_ROWS.name()));

    /** By changelog topic: the views whose subscribers get its changes (its own view, and the views joining it). */
    private final Map<String, List<String>> audienceByTopic = new HashMap<>();
    private final Map<String, Deserializer<? extends SpecificRecord>> valuesByTopic = new HashMap<>();
    private final Set<String> assignedTopics = new HashSet<>();
    private final ViewChanges changes;
    private final Consumer<String, byte[]> consumer;
    private final Thread thread = new Thread(this::run, "view-changelog-reader");
    private volatile boolean running = true;
    private boolean listedTopicsBefore;
    /** Whether the last attempt failed: a failure is logged once, not once per retry. */
    private boolean failing;

    @Inject
    ChangelogReader(ViewChanges changes, ValueSerdes serdes,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.changes = changes;
        for (View<?> view : Catalog.VIEWS) {
            String topic = applicationId + "-" + view.name() + "-changelog";
            audienceByTopic.put(topic, Stream.concat(Stream.of(view.name()),
                    JOINED_BY.getOrDefault(view.name(), List.of()).stream()).toList());
            valuesByTopic.put(topic, serdes.forType(view.valueType().asSubclass(SpecificRecord.class)).deserializer());
        }
        this.consumer = new KafkaConsumer<>(consumerConfig(applicationId, kafkaConfig), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    void onStart(@Observes StartupEvent event) {
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(LOOKUP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (consumer) {
            while (running) {
                readOnce();
            }
        } catch (WakeupException stopping) {
            // stop() ended a poll or a lookup
        }
        valuesByTopic.values().forEach(Deserializer::close);
    }

    private void readOnce() {
        try {
            if (assignedTopics.size() < audienceByTopic.size()) {
                assignNewChangelogs();
            }
            if (consumer.assignment().isEmpty()) {
                pause();
                return;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                publish(record);
            }
            if (failing) {
                LOG.info("Reading the views' changelogs again");
                failing = false;
            }
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException e) {
            // The broker is away or refuses: the feed pauses, the views and the rest of the service go on.
            if (!failing) {
                LOG.warnf("Cannot read the views' changelogs (%s); retrying every %s", e.getMessage(),
                        RETRY_INTERVAL);
                failing = true;
            }
            pause();
        }
    }

    private void assignNewChangelogs() {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(LOOKUP_TIMEOUT);
        Set<TopicPartition> found = new HashSet<>();
        for (String topic : audienceByTopic.keySet()) {
            if (!assignedTopics.contains(topic) && existing.containsKey(topic)) {
                existing.get(topic).forEach(info -> found.add(new TopicPartition(topic, info.partition())));
                assignedTopics.add(topic);
            }
        }
        if (!found.isEmpty()) {
            Set<TopicPartition> all = new HashSet<>(consumer.assignment());
            all.addAll(found);
            consumer.assign(all);
            if (listedTopicsBefore) {
                consumer.seekToBeginning(found);
            } else {
                consumer.seekToEnd(found);
                // Fix the positions now: a lazy seek would skip what is written before the first poll.
                found.forEach(consumer::position);
            }
        }
        listedTopicsBefore = true;
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        List<String> audience = audienceByTopic.get(record.topic());
        if (audience.stream().noneMatch(changes::isFollowed)) {
            return;
        }
        Object value;
        try {
            value = record.value() == null ? null
                    : valuesByTopic.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf("Skipping the change %s-%d@%d, which cannot be read: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        ViewChange change = new ViewChange(record.key(), value);
        audience.forEach(view -> changes.publish(view, change));
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Map<String, Object> consumerConfig(String applicationId, Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        // Partitions are assigned by hand and positions never committed: no consumer group.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-changelog-reader");
        return config;
    }
}
