package dev.eventviews.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * A stream thread that fails (the dead-letter topic cannot be written, the schema registry is unreachable for a
 * schema not seen yet, the broker fenced a transaction after an outage) is replaced rather than taking the whole
 * client down, as Kafka Streams would by default. The new thread resumes from the last committed offsets, so the
 * failed records are processed again, not skipped; the views recover without a restart once the cause is gone.
 */
@ApplicationScoped
public class ReplaceFailedThreads implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ReplaceFailedThreads.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "A Kafka Streams thread failed; replacing it (it resumes from the last commit)");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
