package dev.eventviews.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.internals.RecordHeader;


/**
 * The {@code Idempotency-Key} a client sent with a write, scoped to the operation: the same key sent to two
 * endpoints names two different writes.
 */
public record IdempotencyKey(String operation, String key) {

    /** Printable ASCII without spaces (a UUID fits well), so that the key is safe in a log line and a header. */
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");
    public static final String SHAPE_MESSAGE = "The Idempotency-Key header must be 1 to 255 printable ASCII characters"
            + " without spaces";

    public static boolean isWellFormed(String key) {
        return SHAPE.matcher(key).matches();
    }

    /**
     * The key of one item of a bulk write, which is remembered on its own, so that a retry of a partly written batch
     * writes only the items that have no answer yet. The space keeps it apart from every key a client can send.
     */
    public IdempotencyKey item(int index) {
        return new IdempotencyKey(operation, key + " item " + index);
    }

    /** The key as stored with the first answer: operation and client key. */
    String scoped() {
        return operation + " " + key;
    }

    /**
     * The id of an entity that the write creates without a client-given id: a name-based UUID (version 8, RFC 9562,
     * from SHA-256) of the scoped key. If the first attempt was stored although its client never heard so, the retry
     * overwrites that entity instead of creating a second one.
     */
    public String derivedId() {
        ByteBuffer hash = ByteBuffer.wrap(sha256(scoped().getBytes(UTF_8)));
        long high = (hash.getLong() & ~0xF000L) | 0x8000L;
        long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Identifies the request, so that this key sent again with another request can be refused. */
    public String fingerprint(byte[] canonicalRequest) {
        byte[] operationBytes = (operation + "\n").getBytes(UTF_8);
        byte[] input = ByteBuffer.allocate(operationBytes.length + canonicalRequest.length)
                .put(operationBytes).put(canonicalRequest).array();
        return HexFormat.of().formatHex(sha256(input));
    }

    /** The headers that carry key and fingerprint with the event to {@link FirstAnswers}. */
    public List<RecordHeader> headers(String fingerprint) {
        return List.of(new RecordHeader(FirstAnswers.KEY_HEADER, scoped().getBytes(UTF_8)),
                new RecordHeader(FirstAnswers.FINGERPRINT_HEADER, fingerprint.getBytes(UTF_8)));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
