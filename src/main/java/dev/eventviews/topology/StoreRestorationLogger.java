package dev.eventviews.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.jboss.logging.Logger;

/**
 * Logs every restoration of a store that replayed records from its changelog. After a clean stop a start replays
 * nothing (the stores' checkpoints are current); after a crash, exactly-once processing throws the local state
 * away and replays the changelog from its start, which these lines make visible. Kafka Streams' own lines are at
 * INFO in a category kept at WARN, and also cover the many stores that had nothing to replay.
 */
@ApplicationScoped
public class StoreRestorationLogger implements StateRestoreListener {

    private static final Logger LOG = Logger.getLogger(StoreRestorationLogger.class);

    private final Map<TopicPartition, Long> startOffsets = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startOffset, long endOffset) {
        startOffsets.put(changelog, startOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        // the total is reported at the end
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        Long startOffset = startOffsets.remove(changelog);
        if (totalRestored > 0) {
            LOG.infof("Restored %d records into store %s from %s, starting at offset %d", totalRestored, store,
                    changelog, startOffset);
        }
    }
}
