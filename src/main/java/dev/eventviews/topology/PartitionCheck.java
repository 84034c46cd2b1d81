package dev.eventviews.topology;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.ToIntFunction;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import dev.eventviews.kafka.DeadLetters;
import io.micrometer.core.instrument.Metrics;

/**
 * Keeps events on the partition their key belongs to out of the views, and sends them to the dead-letter topic.
 * <p>
 * The views are partitioned like the event topics: an entity's key read asks the instance that holds the key's
 * partition (murmur2 of the key, as the Java client's default partitioner picks it). An event a client put on
 * another partition (librdkafka's default partitioner hashes with CRC32) would be folded into a store partition
 * that no key read looks in: the entity would show in lists and answer 404 to its key. Such an event is
 * dead-lettered with the reason in its headers (the format of {@link DeadLetters}) through the topology itself, so
 * under exactly-once it is either in the views' input or in the dead letters, never both, and counted in
 * {@code eventviews.misplaced.events} by topic. Re-appending it where it belongs was the alternative; it would
 * reorder the entity's events silently, which a dead letter leaves to a person.
 */
final class PartitionCheck {

    static final String METRIC = "eventviews.misplaced.events";

    private PartitionCheck() {
    }

    /**
     * The events of {@code events} that are on their key's partition; the others go to the dead letters.
     *
     * @param partitionCount the topic's partition count, or 0 when unknown (nothing is checked then)
     */
    static <V> KStream<String, V> placed(KStream<String, V> events, String topic, Serde<V> serde,
            ToIntFunction<String> partitionCount) {
        events.processValues(() -> new Check<V>(partitionCount, false), Named.as(topic + "-misplaced"))
                .to(Catalog.DEAD_LETTERS, Produced.with(Serdes.String(), serde).withName(topic + "-dead-letters"));
        return events.processValues(() -> new Check<V>(partitionCount, true), Named.as(topic + "-placed"));
    }

    /** The partition the Java client's default partitioner gives a key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % partitions;
    }

    /** Passes on the records that are on their key's partition ({@code placed}), or those that are not. */
    static final class Check<V> implements FixedKeyProcessor<String, V, V> {

        private final ToIntFunction<String> partitionCount;
        private final boolean placed;
        private FixedKeyProcessorContext<String, V> context;

        Check(ToIntFunction<String> partitionCount, boolean placed) {
            this.partitionCount = partitionCount;
            this.placed = placed;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, V> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> event) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            int partitions = partitionCount.applyAsInt(source.topic());
            // A record without a key has no partition of its own; the views skip it anyway.
            boolean misplaced = partitions > 0 && event.key() != null
                    && partitionOf(event.key(), partitions) != source.partition();
            if (misplaced == placed) {
                return;
            }
            if (!misplaced) {
                context.forward(event);
                return;
            }
            int expected = partitionOf(event.key(), partitions);
            Metrics.counter(METRIC, "topic", source.topic()).increment();
            Headers headers = event.headers();
            DeadLetters.describe(headers, PartitionCheck.class.getName(), "The key '" + event.key()
                    + "' belongs on partition " + expected + " of " + source.topic() + " (murmur2, as the Java"
                    + " client partitions keys), not " + source.partition() + ": the producer partitions keys"
                    + " differently (librdkafka clients need partitioner=murmur2_random)",
                    source.topic(), source.partition(), source.offset());
            context.forward(event.withHeaders(headers));
        }
    }
}
