package dev.eventviews.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Creates the event topics, the checkout saga's topics, the idempotency-key topic and the dead-letter topic when they
 * are missing. Event topics keep every event forever (retention -1): they are the source of truth that the views are
 * rebuilt from. The idempotency-key topic is compacted: only the latest answer per key matters.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    TopicsConfig config;

    @Inject
    Admin admin;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    void onStart(@Observes StartupEvent event) {
        if (!config.create()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Catalog.EVENT_TOPICS) {
            topics.add(newTopic(name).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
        for (String name : Catalog.CHECKOUT_EVENT_TOPICS) {
            topics.add(newTopic(name).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
        // The saga's commands and replies are created here, not by Kafka Streams as repartition topics: the saga
        // is a cycle (checkout -> command -> participant -> reply -> checkout), and a repartition topic can only be
        // read downstream of where it is written. Created here, they get the event topics' partition count, which
        // co-partitions them with those. A command matters only until it is applied: default retention.
        for (String name : Catalog.SAGA_TOPICS) {
            topics.add(newTopic(name));
        }
        topics.add(newTopic(Catalog.FIRST_ANSWERS.name())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(newTopic(Catalog.DEAD_LETTERS));
        var creations = admin.createTopics(topics, new CreateTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()));
        for (var entry : creations.values().entrySet()) {
            create(entry.getKey(), entry.getValue());
        }
    }

    private NewTopic newTopic(String name) {
        return new NewTopic(name, Optional.of(config.partitions()), Optional.of(config.replicationFactor()));
    }

    private void create(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Created topic %s with %d partitions", topic, config.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.errorf("Cannot create topic %s at %s: %s", topic, kafkaConfig.get("bootstrap.servers"),
                        e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            LOG.errorf("Cannot create topic %s: no Kafka broker answered at %s within %s (set KAFKA_BOOTSTRAP_SERVERS)",
                    topic, kafkaConfig.get("bootstrap.servers"), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
