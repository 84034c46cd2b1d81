package dev.eventviews.topology;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.jboss.logging.Logger;

/**
 * Logs every restoration of a view from its changelog: how many records, from which offset. After a clean stop a
 * start restores nothing (the stores' checkpoints are current); after a crash, exactly-once processing throws the
 * local state away and restores it from the changelog, which these lines make visible. Kafka Streams' own lines
 * are at INFO in a category kept at WARN; this is the one line per store worth reading.
 */
@ApplicationScoped
public class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = Logger.getLogger(RestoreLog.class);

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startOffset, long endOffset) {
        LOG.infof("Restoring store %s from %s, offsets %d to %d", store, changelog, startOffset, endOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        // the total is reported at the end
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        LOG.infof("Restored %d records into store %s from %s", totalRestored, store, changelog);
    }
}
