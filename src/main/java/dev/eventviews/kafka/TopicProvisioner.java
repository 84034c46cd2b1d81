package dev.eventviews.kafka;

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
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.eventviews.config.EventViewsConfig;
import dev.eventviews.topology.Catalog;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Creates the event topics, the checkout saga's topics, the idempotency-key topic and the dead-letter topic when they are missing. Event topics
 * keep every event forever (retention -1): they are the source of truth that the views are rebuilt from. The
 * idempotency-key topic is compacted: only the latest answer per key matters.
 * <p>
 * Event topics take the broker's time ({@code message.timestamp.type=LogAppendTime}): as-of reads and histories
 * use event timestamps, which must then mean when the log took the event, whichever client wrote it, and follow
 * the offsets. An existing event topic with another timestamp type is only warned about, not altered: the setting
 * changes what every other consumer of the topic sees, and altering it needs rights this service may lack.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LOG_APPEND_TIME = "LogAppendTime";

    @Inject
    EventViewsConfig config;

    @Inject
    Admin admin;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    void onStart(@Observes StartupEvent event) {
        if (config.topics().create()) {
            createMissing();
        }
        warnAboutProducerTimestamps();
    }

    private void createMissing() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Catalog.EVENT_TOPICS) {
            topics.add(newTopic(name).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME)));
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
        return new NewTopic(name, Optional.of(config.topics().partitions()), Optional.of(config.topics().replicationFactor()));
    }

    private void warnAboutProducerTimestamps() {
        List<ConfigResource> topics = Catalog.EVENT_TOPICS.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            configs.forEach((topic, topicConfig) -> {
                ConfigEntry type = topicConfig.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
                if (type != null && !LOG_APPEND_TIME.equals(type.value())) {
                    LOG.warnf("Topic %1$s has %2$s=%3$s: as-of reads and histories then follow each producer's "
                            + "clock instead of the broker's. Set it with: kafka-configs.sh --alter --entity-type "
                            + "topics --entity-name %1$s --add-config %2$s=%4$s",
                            topic.name(), TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, type.value(), LOG_APPEND_TIME);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Cannot check the timestamp type of the event topics at %s: %s",
                    kafkaConfig.get("bootstrap.servers"), e.getCause() == null ? e : e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void create(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Created topic %s with %d partitions", topic, config.topics().partitions());
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
