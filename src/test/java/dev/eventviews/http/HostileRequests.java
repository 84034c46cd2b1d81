package dev.eventviews.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Randomized hostile write requests: random bytes, deep nesting, huge numbers, wrong types, invalid UTF-8, empty
 * bodies, overlong strings, unknown and duplicate fields, mutated valid bodies, and wrong or odd content types.
 * One seed gives the same sequence again, so a failure can be replayed.
 */
final class HostileRequests {

    /** One request: the body bytes, the Content-Type header (null: none), and an Idempotency-Key (null: none). */
    record Request(String kind, byte[] body, String contentType, String idempotencyKey) {
    }

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=UTF-16", "application/json; charset=bogus", "application/json;;;=",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/*", "*/*", "json", "application/json, text/plain");
    private static final String[] TEXTS = { "", " ", "x", "\u0000", "\ud800", "\u202e", "null", "<script>",
            "' OR 1=1 --", "%00", "../../etc/passwd", "\\", "\"", "\u00e9t\u00e9", "\ud83d\ude00" };

    private final Random random;
    private final List<String> fields;
    private final String validBody;

    /**
     * @param fields the endpoint's field names, so that wrong types and overlong values hit real fields
     * @param validBody a body the endpoint accepts, as the seed for mutations
     */
    HostileRequests(long seed, List<String> fields, String validBody) {
        this.random = new Random(seed);
        this.fields = fields;
        this.validBody = validBody;
    }

    Request next() {
        List<Function<Random, Request>> kinds = List.of(
                r -> json("random bytes", bytes(r.nextInt(2000))),
                r -> json("invalid UTF-8", invalidUtf8()),
                r -> json("deep nesting", deepNesting()),
                r -> json("huge number", objectWith(field(), hugeNumber()).getBytes(UTF_8)),
                r -> json("wrong type", objectWith(field(), anyJsonValue(3)).getBytes(UTF_8)),
                r -> json("overlong string", objectWith(field(), quoted("y".repeat(90 + r.nextInt(60_000))))
                        .getBytes(UTF_8)),
                r -> json("oversized body", ("{\"" + field() + "\":\"" + "z".repeat(65_536 + r.nextInt(200_000))
                        + "\"}").getBytes(UTF_8)),
                r -> json("empty body", new byte[0]),
                r -> json("odd text", objectWith(field(), quoted(TEXTS[r.nextInt(TEXTS.length)])).getBytes(UTF_8)),
                r -> json("unknown field", objectWith("f" + r.nextInt(1000), anyJsonValue(2)).getBytes(UTF_8)),
                r -> json("duplicate field", ("{" + pair(field(), "\"a\"") + "," + pair(field(), "\"b\"") + "}")
                        .getBytes(UTF_8)),
                r -> json("mutated valid body", mutated(validBody)),
                r -> json("not an object", anyJsonValue(4).getBytes(UTF_8)),
                r -> new Request("wrong content type", mutated(validBody), oneOf(CONTENT_TYPES), null),
                r -> new Request("no content type", mutated(validBody), null, null),
                r -> new Request("odd idempotency key", validBody.getBytes(UTF_8), "application/json",
                        latin1Text(1 + r.nextInt(300))));
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    private static Request json(String kind, byte[] body) {
        return new Request(kind, body, "application/json", null);
    }

    private String field() {
        return fields.get(random.nextInt(fields.size()));
    }

    private <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Text a header can carry: space, printable ASCII and ISO-8859-1 letters, no control characters. */
    private String latin1Text(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            char c = (char) (0x20 + random.nextInt(0xE0));
            if (c != 0x7F && (c < 0x80 || c >= 0xA0)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    private byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"" + field() + "\":\"ok").getBytes(UTF_8));
        byte[][] broken = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF } };
        out.writeBytes(broken[random.nextInt(broken.length)]);
        out.writeBytes("\"}".getBytes(UTF_8));
        return out.toByteArray();
    }

    /** Up to 3000 levels: deep, yet within the body size limit, so that the parser is what refuses it. */
    private byte[] deepNesting() {
        int depth = 11 + random.nextInt(3000);
        String open = random.nextBoolean() ? "[" : "{\"" + field() + "\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1))).getBytes(UTF_8);
    }

    private String hugeNumber() {
        return switch (random.nextInt(4)) {
            case 0 -> "9".repeat(1 + random.nextInt(5000));
            case 1 -> "1e" + (random.nextBoolean() ? "-" : "") + "9".repeat(1 + random.nextInt(12));
            case 2 -> "-0." + "0".repeat(random.nextInt(3000)) + "1";
            default -> Long.MAX_VALUE + "0" + random.nextInt(10);
        };
    }

    private String anyJsonValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> Double.toString(random.nextDouble() * 1e300);
            case 2 -> Boolean.toString(random.nextBoolean());
            case 3 -> "null";
            case 4 -> quoted(TEXTS[random.nextInt(TEXTS.length)]);
            case 5 -> hugeNumber();
            case 6 -> "[" + anyJsonValue(depth - 1) + "," + anyJsonValue(depth - 1) + "]";
            default -> objectWith(field(), anyJsonValue(depth - 1));
        };
    }

    private byte[] mutated(String body) {
        StringBuilder text = new StringBuilder(body);
        for (int edits = 1 + random.nextInt(4); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{}[]\",:\\0e-".charAt(random.nextInt(11)));
                default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString().getBytes(UTF_8);
    }

    private static String objectWith(String name, String value) {
        return "{" + pair(name, value) + "}";
    }

    private static String pair(String name, String value) {
        return quoted(name) + ":" + value;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
