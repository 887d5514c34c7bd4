package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The measure points of the most common uplink, read straight from its bytes without a parser or
 * a JSON tree: a {@code thing.measurepoint.post} (or {@code resume}) whose body is valid and whose
 * values are all plain (numbers, strings, booleans, null), the shape nearly every device sends
 * many times a second.
 *
 * <p>{@link #read} knows only that shape written in printable ASCII: strings without escapes,
 * integers of at most {@value #MAX_NUMBER_CHARS} characters that fit a long, finite decimals of
 * at most as many. It says yes only to a body that {@link UplinkValidator}'s tree check accepts,
 * and then gives what that check would have given: the same {@code id}, the same values (as the
 * same JSON nodes, in body order, the last of a repeated name winning in the place of the first),
 * the same {@code time}. For anything else it says {@code null}, and the body takes the tree's way,
 * which reads every other body the same and gives every refusal its words: a missing or odd
 * member, a value with a quality or a structure, a repeated envelope member, an escape, a byte
 * outside ASCII, a long number, content after the object, a broken body.
 *
 * @param id the request's {@code id}, as the tree would hold it
 * @param values measure point name to its value, in body order
 * @param time {@code params.time} in epoch milliseconds, or {@code null} when absent
 */
@API(status = INTERNAL, since = "0.1")
public record PlainMeasurePoints(JsonNode id, Map<String, JsonNode> values, Long time) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longer numbers are left to the tree, whose limits and number types then apply. */
    static final int MAX_NUMBER_CHARS = 18;
    /** Longer names are left to the tree, whose name limit then applies. */
    private static final int MAX_NAME_CHARS = 64;
    /** Measure point names lately read, by a hash of their bytes: at most 512 names of 64 characters. */
    private static final String[] RECENT_NAMES = new String[512];

    /** Whether uplinks of {@code kind} may be read this way: one device's measure points, not a batch. */
    static boolean reads(UplinkKind kind) {
        return kind == UplinkKind.MEASUREPOINT_POST || kind == UplinkKind.MEASUREPOINT_RESUME;
    }

    /**
     * What a measure point post to {@code topic} reports, or {@code null} when the body is not of
     * the plain shape (then the tree's check decides).
     */
    static PlainMeasurePoints read(Topics.Uplink topic, byte[] payload) {
        try {
            return new Scanner(payload).body(topic.method());
        } catch (NotPlain e) {
            return null; // the tree's way says what is wrong, or reads what is right
        }
    }

    private record Params(Map<String, JsonNode> values, Long time) {
    }

    /** Thrown, without a stack trace, at the first byte the scanner leaves to the tree. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /** One pass over the body's bytes: JSON as RFC 8259 writes it, cut down to the plain shape. */
    private static final class Scanner {
        private final byte[] b;
        private int at;

        Scanner(byte[] body) {
            this.b = body;
        }

        PlainMeasurePoints body(String method) {
            expect('{');
            JsonNode id = null;
            boolean version = false;
            boolean methodSeen = false;
            Params params = null;
            do {
                int name = name();
                int nameEnd = at - 1;
                expect(':');
                if (is(name, nameEnd, "id")) {
                    once(id != null);
                    id = idValue();
                } else if (is(name, nameEnd, "version")) {
                    once(version);
                    stringValue("1.0");
                    version = true;
                } else if (is(name, nameEnd, "method")) {
                    once(methodSeen);
                    stringValue(method);
                    methodSeen = true;
                } else if (is(name, nameEnd, "params")) {
                    once(params != null);
                    params = params();
                } else {
                    plainValue(); // a member of no meaning here; a structure is the tree's to judge
                }
            } while (nextMember());
            // The object must be all there is: whatever follows is the tree's to judge.
            if (skipSpace() != -1 || id == null || !version || !methodSeen || params == null) {
                throw NotPlain.INSTANCE;
            }
            return new PlainMeasurePoints(id, params.values(), params.time());
        }

        private Params params() {
            expect('{');
            Map<String, JsonNode> values = null;
            Long time = null;
            do {
                int name = name();
                int nameEnd = at - 1;
                expect(':');
                if (is(name, nameEnd, "measurepoints")) {
                    once(values != null);
                    values = measurePoints();
                } else if (is(name, nameEnd, "time")) {
                    once(time != null);
                    time = integer();
                } else {
                    plainValue();
                }
            } while (nextMember());
            if (values == null) {
                throw NotPlain.INSTANCE;
            }
            return new Params(values, time);
        }

        private Map<String, JsonNode> measurePoints() {
            expect('{');
            Map<String, JsonNode> values = new LinkedHashMap<>(4);
            if (skipSpace() == '}') {
                at++;
                return values;
            }
            do {
                int name = name();
                String point = pointName(name, at - 1);
                expect(':');
                values.put(point, plainValue());
            } while (nextMember());
            return values;
        }

        /**
         * A measure point name, as the one {@link String} the reader made for these bytes before
         * when it still has it: devices send the same few names over and over, and every device
         * that keeps them then shares one copy, as Jackson's table of names had them share.
         */
        private String pointName(int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + b[i];
            }
            int slot = (hash ^ hash >>> 16) & (RECENT_NAMES.length - 1);
            String recent = RECENT_NAMES[slot];
            if (recent != null && is(start, end, recent)) {
                return recent;
            }
            String name = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
            RECENT_NAMES[slot] = name; // a race only costs a copy: a String is safe to share however it is published
            return name;
        }

        /** After a member: {@code true} at a comma (another member follows), {@code false} at the object's end. */
        private boolean nextMember() {
            int c = skipSpace();
            at++;
            if (c == ',') {
                return true;
            }
            if (c == '}') {
                return false;
            }
            throw NotPlain.INSTANCE;
        }

        private JsonNode idValue() {
            int c = skipSpace();
            if (c == '"') {
                return NODES.textNode(text());
            }
            return integerNode(integer());
        }

        /** A plain value as the tree holds it. */
        private JsonNode plainValue() {
            switch (skipSpace()) {
                case '"':
                    return NODES.textNode(text());
                case 't':
                    literal("true");
                    return NODES.booleanNode(true);
                case 'f':
                    literal("false");
                    return NODES.booleanNode(false);
                case 'n':
                    literal("null");
                    return NODES.nullNode();
                default:
                    return number();
            }
        }

        /** A number: an int or a long as the tree holds one that fits, or a finite double. */
        private JsonNode number() {
            int start = at;
            boolean integral = numberToken();
            if (integral) {
                return integerNode(Long.parseLong(new String(b, start, at - start, StandardCharsets.ISO_8859_1)));
            }
            double d = Double.parseDouble(new String(b, start, at - start, StandardCharsets.ISO_8859_1));
            if (!Double.isFinite(d)) {
                throw NotPlain.INSTANCE;
            }
            return NODES.numberNode(d);
        }

        /** An integer that fits a long. */
        private long integer() {
            skipSpace();
            int start = at;
            if (!numberToken()) {
                throw NotPlain.INSTANCE;
            }
            return Long.parseLong(new String(b, start, at - start, StandardCharsets.ISO_8859_1));
        }

        /**
         * Passes a number of RFC 8259's grammar at most {@link #MAX_NUMBER_CHARS} long.
         *
         * @return whether it is an integer (no fraction, no exponent)
         */
        private boolean numberToken() {
            int start = at;
            if (at < b.length && b[at] == '-') {
                at++;
            }
            if (at < b.length && b[at] == '0') {
                at++;
            } else if (digits() == 0) {
                throw NotPlain.INSTANCE;
            }
            boolean integral = true;
            if (at < b.length && b[at] == '.') {
                at++;
                integral = false;
                if (digits() == 0) {
                    throw NotPlain.INSTANCE;
                }
            }
            if (at < b.length && (b[at] == 'e' || b[at] == 'E')) {
                at++;
                integral = false;
                if (at < b.length && (b[at] == '+' || b[at] == '-')) {
                    at++;
                }
                if (digits() == 0) {
                    throw NotPlain.INSTANCE;
                }
            }
            if (at - start > MAX_NUMBER_CHARS) {
                throw NotPlain.INSTANCE;
            }
            return integral;
        }

        private int digits() {
            int start = at;
            while (at < b.length && b[at] >= '0' && b[at] <= '9') {
                at++;
            }
            return at - start;
        }

        private void literal(String word) {
            for (int i = 0; i < word.length(); i++, at++) {
                if (at >= b.length || b[at] != word.charAt(i)) {
                    throw NotPlain.INSTANCE;
                }
            }
        }

        /** Passes a member name, as {@link #string} does. @return where its text starts */
        private int name() {
            int start = string();
            if (at - 1 - start > MAX_NAME_CHARS) {
                throw NotPlain.INSTANCE;
            }
            return start;
        }

        /** A string value's text. */
        private String text() {
            int start = string();
            return new String(b, start, at - 1 - start, StandardCharsets.ISO_8859_1);
        }

        /** Passes the string {@code expected}; any other value is the tree's to judge. */
        private void stringValue(String expected) {
            int start = string();
            if (!is(start, at - 1, expected)) {
                throw NotPlain.INSTANCE;
            }
        }

        /** An integer as the tree holds it: an int when it fits one, else a long. */
        private static JsonNode integerNode(long n) {
            return (int) n == n ? NODES.numberNode((int) n) : NODES.numberNode(n);
        }

        /**
         * Passes a string of printable ASCII without escapes.
         *
         * @return where its text starts; it ends before {@code at - 1}, the closing quote
         */
        private int string() {
            if (skipSpace() != '"') {
                throw NotPlain.INSTANCE;
            }
            int start = ++at;
            while (at < b.length && b[at] != '"') {
                if (b[at] < 0x20 || b[at] == '\\' || b[at] == 0x7f) { // bytes above 0x7f are negative
                    throw NotPlain.INSTANCE;
                }
                at++;
            }
            if (at >= b.length) {
                throw NotPlain.INSTANCE;
            }
            at++;
            return start;
        }

        private boolean is(int start, int end, String name) {
            if (end - start != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (b[start + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void expect(char c) {
            if (skipSpace() != c) {
                throw NotPlain.INSTANCE;
            }
            at++;
        }

        /** Passes JSON whitespace. @return the next byte, or -1 at the end */
        private int skipSpace() {
            while (at < b.length) {
                byte c = b[at];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return c;
                }
                at++;
            }
            return -1;
        }

        /** A member may come once: a repeated one is the tree's to judge. */
        private static void once(boolean seen) {
            if (seen) {
                throw NotPlain.INSTANCE;
            }
        }
    }
}
