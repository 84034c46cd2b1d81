package dev.eventviews.history;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the history stores, as raw bytes.
 * <p>
 * A history row is {@code <entity id in UTF-8> 0x00 <offset, 8 bytes big-endian>}. Entity ids never contain 0x00
 * (the id rule allows letters, digits and {@code ._~-} only), and 0x00 sorts below every id byte, so one entity's
 * rows are contiguous, never interleaved with those of an id that extends it ({@code c-1} and {@code c-10}), and
 * sorted by offset (offsets are never negative, so their big-endian bytes sort as the numbers do). Reading one
 * entity's events after an offset is then a single range read that starts where they start.
 * <p>
 * The key type is {@link Bytes} with the identity serde, the simplest that IQv2 {@code RangeQuery} can bound: the
 * bounds built here are exactly the bytes RocksDB compares, with no custom serde to keep in step on the query side.
 * <p>
 * A by-time key is {@code <timestamp, 8 bytes big-endian> <history row key>}, so expired rows are one range from
 * the start.
 */
final class HistoryKeys {

    private static final byte SEPARATOR = 0;

    private HistoryKeys() {
    }

    /** Whether {@code id} can have rows: ids holding the separator would blur two entities' ranges. */
    static boolean indexable(String id) {
        return id != null && id.indexOf(SEPARATOR) < 0;
    }

    static Bytes row(String id, long offset) {
        byte[] idBytes = id.getBytes(UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(idBytes.length + 1 + Long.BYTES)
                .put(idBytes).put(SEPARATOR).putLong(offset).array());
    }

    static Bytes byTime(long timestamp, Bytes row) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + row.get().length)
                .putLong(Math.max(timestamp, 0)).put(row.get()).array());
    }

    /**
     * An upper bound that every by-time key of a time before {@code timestamp} sorts at or below, and every other
     * sorts above: the bare timestamp is a proper prefix of the keys of that same time.
     */
    static Bytes before(long timestamp) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(Math.max(timestamp, 0)).array());
    }

    /** The history row key inside a by-time key. */
    static Bytes rowOf(Bytes byTime) {
        byte[] key = byTime.get();
        return Bytes.wrap(Arrays.copyOfRange(key, Long.BYTES, key.length));
    }
}
