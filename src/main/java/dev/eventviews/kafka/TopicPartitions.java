package dev.eventviews.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * How many partitions each topic has, asked of the broker once per topic (the topology's partition check needs it).
 * Partitions added to an event topic later move keys anyway (murmur2 modulo the count), which the views do not
 * follow: restart after adding partitions, and rebuild the views.
 */
@ApplicationScoped
public class TopicPartitions {

    private static final Logger LOG = Logger.getLogger(TopicPartitions.class);
    private static final long TIMEOUT_SECONDS = 30;

    @Inject
    Admin admin;

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** The topic's partition count, or 0 if the broker cannot tell now (asked again next time). */
    public int of(String topic) {
        Integer known = counts.get(topic);
        if (known != null) {
            return known;
        }
        try {
            int count = admin.describeTopics(Set.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            counts.put(topic, count);
            return count;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Cannot tell the partitions of %s, so its events are not checked for now: %s", topic,
                    e.getCause() == null ? e : e.getCause().getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
