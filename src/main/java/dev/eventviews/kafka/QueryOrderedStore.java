package dev.eventviews.kafka;

import java.util.List;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * A RocksDB key-value store whose interactive queries take the store's lock before its position's, as its writes do.
 * <p>
 * In Kafka Streams 4.1.2 (and 4.2.2, 4.3.1), {@code RocksDBStore.put} holds the store's monitor and then takes the position's,
 * while an IQv2 query ({@code StoreQueryUtils.handleBasicQueries}) holds the position's and then calls the store's
 * synchronized {@code get} or {@code range}: a read that meets a write of the same store can deadlock the stream
 * thread, and with it every view of that thread, for good (KAFKA-19629, fixed in 4.4.0). The benchmark's checkout
 * figure hit it: the long polls of {@code /store/checkouts/{id}} against the orchestrator's writes. Taking the
 * store's monitor first here gives queries the writes' lock order; the store's own methods are synchronized on it
 * already, so queries wait for nothing they did not wait for before. Everything else is passed through.
 */
class QueryOrderedStore implements KeyValueStore<Bytes, byte[]> {

    private final KeyValueStore<Bytes, byte[]> rocksDb;

    QueryOrderedStore(KeyValueStore<Bytes, byte[]> rocksDb) {
        this.rocksDb = rocksDb;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        synchronized (rocksDb) {
            return rocksDb.query(query, positionBound, config);
        }
    }

    @Override
    public Position getPosition() {
        return rocksDb.getPosition();
    }

    @Override
    public String name() {
        return rocksDb.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        rocksDb.init(context, root);
    }

    @Override
    public void flush() {
        rocksDb.flush();
    }

    @Override
    public void close() {
        rocksDb.close();
    }

    @Override
    public boolean persistent() {
        return rocksDb.persistent();
    }

    @Override
    public boolean isOpen() {
        return rocksDb.isOpen();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        rocksDb.put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return rocksDb.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        rocksDb.putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return rocksDb.delete(key);
    }

    @Override
    public byte[] get(Bytes key) {
        return rocksDb.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return rocksDb.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return rocksDb.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return rocksDb.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return rocksDb.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return rocksDb.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return rocksDb.approximateNumEntries();
    }

    /** The same for a store of values with timestamps, which says so: Kafka Streams reads its format by that. */
    static final class Timestamped extends QueryOrderedStore implements TimestampedBytesStore {

        Timestamped(KeyValueStore<Bytes, byte[]> rocksDb) {
            super(rocksDb);
        }
    }
}
