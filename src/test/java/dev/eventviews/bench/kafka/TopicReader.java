package dev.eventviews.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.eventviews.bench.load.Progress;
import dev.eventviews.registry.SchemaInstanceDatumProvider;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

/**
 * The rebuild and restore baselines: a plain consumer that reads topics from the beginning to their current end,
 * deserializing keys and values as Kafka Streams must (event topics: String keys, Avro values through the registry,
 * with the application's datum provider; changelogs: not at all), and does nothing else.
 */
public final class TopicReader {

    /** How many records it read, in how long. */
    public record Read(long records, double seconds) {

        public double perSecond() {
            return records / seconds;
        }
    }

    private final Map<String, Object> config;

    private TopicReader(Map<String, Object> config) {
        this.config = config;
    }

    /** Reads event topics as Kafka Streams does: String keys, Avro values through the registry. */
    public TopicReader(String bootstrapServers, String registryUrl) {
        this(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                "apicurio.registry.url", registryUrl,
                "apicurio.registry.use-specific-avro-reader", true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class));
    }

    /**
     * Reads changelogs as Kafka Streams restores them: bytes, deserialized by nobody, and committed records only
     * (under exactly-once the changelogs also hold aborted writes).
     */
    public static TopicReader changelogs(String bootstrapServers) {
        return new TopicReader(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    /** The topics whose names match, e.g. an application's changelogs. */
    public List<String> topics(Predicate<String> named) {
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(config)) {
            return consumer.listTopics().keySet().stream().filter(named).sorted().toList();
        }
    }

    public Read readToEnd(List<String> topics) {
        long start = System.nanoTime();
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long records = 0;
            long nextReport = System.nanoTime() + Progress.EVERY.toNanos();
            while (!atEnd(consumer, ends)) {
                records += consumer.poll(Duration.ofMillis(100)).count();
                if (System.nanoTime() > nextReport) {
                    Progress.say("plain consumer: %,d records read", records);
                    nextReport = System.nanoTime() + Progress.EVERY.toNanos();
                }
            }
            return new Read(records, (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
