package dev.eventviews.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.KafkaException;

import dev.eventviews.topology.Catalog;
import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;

/**
 * Writes poison pills to the dead-letter topic, unchanged, with headers that say why and where they came from.
 * The header names are those of Kafka Streams' own dead-letter queue (KIP-1034, Kafka 4.2), which Kafka Streams
 * 4.1 does not have yet, so that moving to it changes nothing for the topic's readers.
 */
@ApplicationScoped
@Unremovable // looked up by DeadLetterHandler, which Kafka Streams instantiates
public class DeadLetters {

    static final String EXCEPTION = "__streams.errors.exception";
    static final String MESSAGE = "__streams.errors.message";
    static final String TOPIC = "__streams.errors.topic";
    static final String PARTITION = "__streams.errors.partition";
    static final String OFFSET = "__streams.errors.offset";

    private final Map<String, Object> producerConfig = new HashMap<>();
    private Producer<byte[], byte[]> producer;

    @Inject
    DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                producerConfig.put(key, value);
            }
        });
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "event-views-dead-letters");
    }

    /** Sends and waits for the broker, so the poison pill is safe before Kafka Streams skips it. */
    void send(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        var deadLetter = new ProducerRecord<>(Catalog.DEAD_LETTERS, null, record.key(), record.value(),
                record.headers());
        describe(deadLetter.headers(), exception.getClass().getName(), String.valueOf(exception.getMessage()),
                record.topic(), record.partition(), record.offset());
        try {
            producer().send(deadLetter).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Dead-letter write failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /**
     * Adds the headers that say why a record is a dead letter and where it came from.
     *
     * @param cause the class name of the exception, or of what refused the record
     */
    public static void describe(Headers headers, String cause, String message, String topic, int partition,
            long offset) {
        headers.add(EXCEPTION, cause.getBytes(UTF_8));
        headers.add(MESSAGE, message.getBytes(UTF_8));
        headers.add(TOPIC, topic.getBytes(UTF_8));
        headers.add(PARTITION, Integer.toString(partition).getBytes(UTF_8));
        headers.add(OFFSET, Long.toString(offset).getBytes(UTF_8));
    }

    // Created on the first poison pill: most runs never need it.
    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
