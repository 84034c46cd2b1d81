package dev.eventviews.bench.load;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.eventviews.registry.SchemaInstanceDatumProvider;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

/**
 * Events produced straight to the broker: the ingest baseline and the bulk data loader. It is configured like the
 * application's emitters (application.properties): String keys, the Apicurio Avro serializer in Confluent wire
 * format through the same registry with the same datum provider, acks=all, idempotence, and the producer's defaults
 * for batching.
 */
public final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    public EventProducer(String bootstrapServers, String registryUrl) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                "apicurio.registry.url", registryUrl,
                "apicurio.registry.auto-register", true,
                "apicurio.registry.dereference-schema", true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class));
    }

    /** Completes when the broker has acknowledged the record. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, SpecificRecord value) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
            if (failure != null) {
                acknowledged.completeExceptionally(failure);
            } else {
                acknowledged.complete(metadata);
            }
        });
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
