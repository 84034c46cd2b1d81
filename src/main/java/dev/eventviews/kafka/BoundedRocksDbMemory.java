package dev.eventviews.kafka;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import dev.eventviews.config.EventViewsConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.SmallRyeConfig;

/**
 * One memory budget for all the views' RocksDB stores. By default each store partition has its own 50 MB block
 * cache and up to three 16 MB memtables; with five views, the join's internal store and six partitions, that is
 * dozens of RocksDB instances whose memory grows with the data until the process is far above its heap. Here they
 * share one block cache, and their memtables are charged to it (Kafka Streams' "bounded memory" recipe), so the
 * views' off-heap memory stays near {@code eventviews.rocksdb.memory} however much data they hold.
 * <p>
 * Kafka Streams creates this class by name (hence the reflection registration) for each store; the cache and the
 * write buffer manager are shared by all of them and live as long as the process.
 */
@RegisterForReflection
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Of the budget, the part memtables (recent writes) may use; the rest caches blocks for reads. */
    private static final double MEMTABLE_SHARE = 0.25;
    /** Index and filter blocks stay cached first: evicting them would cost a read per lookup. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    /**
     * The write buffer manager flushes memtables long before RocksDB's default 16 MB, but each store still allocates
     * its memtable in blocks of an eighth of the nominal size: with dozens of stores, a smaller nominal size is a
     * smaller idle footprint.
     */
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: they must outlive any one of them.
    }

    private static synchronized Cache sharedCache() {
        if (cache == null) {
            // Kafka Streams creates this class by reflection, outside CDI, so the mapping is looked up, not injected.
            long bytes = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                    .getConfigMapping(EventViewsConfig.class).rocksdb().memory().asLongValue();
            cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            writeBufferManager = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
        return cache;
    }
}
