package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads device JSON (uplink bodies, command replies) under limits sane for device payloads, and
 * says exactly why a body is refused. Nothing here throws: every outcome is a {@link Result}.
 *
 * <p>Limits [ours]: nesting at most {@value #MAX_NESTING_DEPTH} levels, a number at most
 * {@value #MAX_NUMBER_LENGTH} characters, a member name at most {@value #MAX_NAME_LENGTH}
 * characters; the body must be strict UTF-8 (no overlong forms, no encoded surrogates, RFC 3629)
 * and every number must be finite as a double.
 */
@API(status = INTERNAL, since = "0.1")
public final class UplinkJson {
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest number literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest member name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 256;

    /** A mapper with the device limits, for reading and for writing what was read. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            // A stored body is written again (forwarding envelopes add a level or two).
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH + 8).build())
            .build());

    private UplinkJson() {
    }

    /**
     * The outcome of reading a body.
     *
     * @param tree the JSON tree, or {@code null} when refused
     * @param problem why it was refused (naming the rule), or {@code null}
     */
    public record Result(JsonNode tree, String problem) {
        /** Whether the body was read. */
        public boolean ok() {
            return problem == null;
        }
    }

    /** Reads {@code bytes} as device JSON. */
    public static Result read(byte[] bytes) {
        String utf8 = utf8Problem(bytes);
        if (utf8 != null) {
            return new Result(null, utf8);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            return new Result(null, "the payload breaks a limit of this server: " + e.getOriginalMessage()
                    + where(e.getLocation()) + " (limits: nesting " + MAX_NESTING_DEPTH + ", number length "
                    + MAX_NUMBER_LENGTH + ", name length " + MAX_NAME_LENGTH + ")");
        } catch (JsonProcessingException e) {
            return new Result(null, "the payload is not JSON: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            return new Result(null, "the payload cannot be read as JSON: " + e.getMessage());
        } catch (StackOverflowError e) {
            return new Result(null, "the payload nests too deeply");
        }
        if (tree == null || tree.isMissingNode()) {
            return new Result(null, "the payload holds no JSON value");
        }
        Deque<String> at = nonFinite(tree);
        if (at != null) {
            return new Result(null, "the number at " + (at.isEmpty() ? "the top" : "/" + String.join("/", at))
                    + " is not finite as a double; numbers must be finite (RFC 8259 section 6)");
        }
        return new Result(tree, null);
    }

    /** Whether {@code bytes} is strict UTF-8 (RFC 3629), as {@link #read} requires. */
    static boolean isStrictUtf8(byte[] bytes) {
        return utf8Problem(bytes) == null;
    }

    /** Why {@code bytes} is not strict UTF-8, or {@code null} if it is. */
    private static String utf8Problem(byte[] bytes) {
        if (isAscii(bytes)) {
            return null; // most bodies: nothing to decode
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            decoder.decode(in);
            return null;
        } catch (CharacterCodingException e) {
            return "the payload is not valid UTF-8 near byte " + in.position()
                    + " (overlong forms, encoded surrogates and stray bytes are refused; RFC 3629, RFC 8259 section 8.1)";
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Where the first number that is not finite as a double is, as path segments (empty for the
     * top), or {@code null} if there is none. The path is made only for such a number.
     */
    private static Deque<String> nonFinite(JsonNode node) {
        if (node.isNumber()) {
            return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) ? new ArrayDeque<>()
                    : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                Deque<String> found = nonFinite(f.getValue());
                if (found != null) {
                    found.addFirst(LogText.escape(f.getKey()));
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Deque<String> found = nonFinite(node.get(i));
                if (found != null) {
                    found.addFirst(String.valueOf(i));
                    return found;
                }
            }
        }
        return null;
    }
}
