package dev.enoscoap.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Reads the fixtures jar (enos-fixtures/ on the classpath). */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A fixture file, e.g. {@code vectors/psk-keys.json}, as a JSON tree. */
    public static JsonNode json(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("enos-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture enos-fixtures/" + name + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex to bytes. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
