package dev.eventviews.read;

import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;

/** Calls into Kafka Streams' query and metadata API. */
final class StreamsCalls {

    private StreamsCalls() {
    }

    /** Kafka Streams throws while it is starting, rebalancing or restoring: that is "not now", not a failure. */
    static <T> T guarded(KafkaStreams streams, Supplier<T> call) {
        try {
            return call.get();
        } catch (StreamsException | IllegalStateException e) {
            throw new ViewUnavailableException("The views are not ready (Kafka Streams is " + streams.state() + ")",
                    e);
        }
    }
}
