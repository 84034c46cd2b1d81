package dev.eventviews.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

import dev.eventviews.registry.SchemaRegistryFailures;
import dev.eventviews.topology.Catalog;
import io.quarkus.arc.Arc;

/**
 * A record on an input topic that cannot be deserialized (a poison pill) is copied to the dead-letter topic and
 * skipped, so one bad record does not stop the views. Kafka Streams creates this handler by class name, hence the
 * container lookup. If the dead-letter topic cannot be written, processing stops rather than drop the record.
 * <p>
 * A record whose schema could not be fetched because the schema registry is unreachable is no poison pill: it
 * stops processing too, and {@link ReplaceFailedThreads} retries it until the registry answers again.
 */
public class DeadLetterHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        if (SchemaRegistryFailures.unreachable(exception)) {
            LOG.warnf("Record %s-%d@%d cannot be deserialized while the schema registry is unreachable; will retry",
                    record.topic(), record.partition(), record.offset());
            return DeserializationHandlerResponse.FAIL;
        }
        try {
            Arc.container().instance(DeadLetters.class).get().send(record, exception);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot write the undeserializable record %s-%d@%d to %s; stopping",
                    record.topic(), record.partition(), record.offset(), Catalog.DEAD_LETTERS);
            return DeserializationHandlerResponse.FAIL;
        }
        LOG.warnf("Record %s-%d@%d cannot be deserialized (%s); moved to %s", record.topic(), record.partition(),
                record.offset(), exception.getMessage(), Catalog.DEAD_LETTERS);
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs) {
        // nothing to configure: the dead-letter producer is a CDI bean
    }
}
