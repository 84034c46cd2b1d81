package dev.eventviews.commands;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.SerializationFailureHandler;

/**
 * Marks a failure of the emitters' value serializer as what it is: the events are valid Avro records by
 * construction, so the serializer fails only when the schema registry cannot give it a schema id. Named in the
 * connector's {@code value-serialization-failure-handler}.
 */
@ApplicationScoped
@Identifier("schema-registry")
public class SchemaRegistryFailures implements SerializationFailureHandler<Object> {

    @Override
    public byte[] handleSerializationFailure(String topic, boolean isKey, String serializer, Object data,
            Exception exception, Headers headers) {
        throw new SchemaRegistryUnavailableException(exception);
    }
}
