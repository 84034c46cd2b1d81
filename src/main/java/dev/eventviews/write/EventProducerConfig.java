package dev.eventviews.write;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

import io.smallrye.reactive.messaging.ClientCustomizer;

import dev.eventviews.config.EventViewsConfig;

/**
 * The event emitters' producer settings that follow from {@code eventviews.write-timeout}, so that one number
 * bounds how long a write can take:
 * <ul>
 * <li>{@code delivery.timeout.ms}: the producer gives a record up when the client gets its 503;</li>
 * <li>{@code request.timeout.ms}: half of it, so that a lost request is retried once in time;</li>
 * <li>{@code max.block.ms}: half of it. It bounds the wait for topic metadata, which blocks the sending thread (the
 * first write to a topic after a start, with the broker away).</li>
 * </ul>
 * SmallRye's own re-sending of failed records is off ({@code retries=0} on the connector): it would send a failed
 * record again as a new one, after the client had its answer, and could store it twice. Its {@code retries} setting
 * also reaches the producer, where it is removed again: the producer's own retries of a batch are idempotent.
 */
@ApplicationScoped
public class EventProducerConfig implements ClientCustomizer<Map<String, Object>> {

    @Inject
    EventViewsConfig config;

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        long writeTimeoutMs = this.config.writeTimeout().toMillis();
        config.remove(ProducerConfig.RETRIES_CONFIG);
        // Strings, as SmallRye keeps them: it reads delivery.timeout.ms back as one.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(writeTimeoutMs));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(writeTimeoutMs / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(writeTimeoutMs / 2));
        return config;
    }
}
