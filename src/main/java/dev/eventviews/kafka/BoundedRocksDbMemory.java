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

    /**
     * Of the budget, the part memtables (recent writes) may use; the rest caches blocks for reads. Half, because a
     * rebuild or a load writes to every store partition of the instance at once (some 140 of them with six
     * partitions): each written memtable holds at least one arena block, and when their sum is above this share
     * the write buffer manager flushes whichever memtable is written next, so the stores write a stream of tiny
     * files instead of taking writes.
     */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Index and filter blocks stay cached first: evicting them would cost a read per lookup. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    /**
     * The nominal memtable size. RocksDB allocates a memtable in arena blocks of an eighth of it, so this sets what
     * a store partition that is being written holds at the least: 128 KiB here, some 18 MiB for 140 partitions,
     * near the memtable share of the default budget (Kafka Streams' default of 16 MiB would be 2 MiB per partition).
     * Measured on a rebuild of 400,000 events ({@code docs/performance.md}): 4 MiB memtables with a quarter of the
     * budget, 5,300 to 7,200 events/s; 1 MiB with half of it, 12,100 and 12,900.
     */
    private static final long MEMTABLE_BYTES = 1024L * 1024;

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
