package dev.eventviews.kafka;

import java.util.function.UnaryOperator;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The RocksDB key-value stores of the topology: every persistent key-value store is made here, so that each is a
 * {@link QueryOrderedStore}, which an interactive query cannot deadlock against the stream thread's writes.
 * Versioned stores do not need it: their writes take only the position's lock.
 */
public final class PersistentStores {

    private PersistentStores() {
    }

    /** A plain key-value store, as {@link Stores#persistentKeyValueStore} makes it. */
    public static KeyValueBytesStoreSupplier keyValue(String name) {
        return new Supplier(Stores.persistentKeyValueStore(name), QueryOrderedStore::new);
    }

    /**
     * A key-value store of values with timestamps, as {@link Stores#persistentTimestampedKeyValueStore} makes it:
     * the kind a {@code KTable} or a timestamped store builder expects.
     */
    public static KeyValueBytesStoreSupplier timestampedKeyValue(String name) {
        return new Supplier(Stores.persistentTimestampedKeyValueStore(name), QueryOrderedStore.Timestamped::new);
    }

    private record Supplier(KeyValueBytesStoreSupplier rocksDb, UnaryOperator<KeyValueStore<Bytes, byte[]>> wrap)
            implements KeyValueBytesStoreSupplier {

        @Override
        public String name() {
            return rocksDb.name();
        }

        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return wrap.apply(rocksDb.get());
        }

        @Override
        public String metricsScope() {
            return rocksDb.metricsScope();
        }
    }
}
