package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a handler answers: a status, a body (a value sent as JSON, or HTML or text) and headers.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AdminResponse {
    private final int status;
    private final Object json;
    private final byte[] bytes;
    private final String contentType;
    private final Map<String, String> headers;

    private AdminResponse(int status, Object json, byte[] bytes, String contentType, Map<String, String> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
        }
        this.status = status;
        this.json = json;
        this.bytes = bytes;
        this.contentType = contentType;
        this.headers = headers;
    }

    /** 200 with {@code value} as JSON (records, maps, lists, Jackson nodes). */
    public static AdminResponse json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} as JSON. */
    public static AdminResponse json(int status, Object value) {
        return new AdminResponse(status, Objects.requireNonNull(value, "value"), null, "application/json",
                new LinkedHashMap<>());
    }

    /** 200 with an HTML page (UTF-8). */
    public static AdminResponse html(String page) {
        return new AdminResponse(200, null, page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                new LinkedHashMap<>());
    }

    /** 200 with plain text (UTF-8). */
    public static AdminResponse text(String text) {
        return new AdminResponse(200, null, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8",
                new LinkedHashMap<>());
    }

    /** 204 without a body. */
    public static AdminResponse noContent() {
        return new AdminResponse(204, null, new byte[0], null, new LinkedHashMap<>());
    }

    /** The same response with a header added (e.g. {@code Location}). */
    public AdminResponse header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new AdminResponse(status, json, bytes, contentType, copy);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The value to send as JSON, or {@code null} for a response with bytes. */
    Object jsonValue() {
        return json;
    }

    /** The body bytes of a non-JSON response. */
    byte[] bytes() {
        return bytes;
    }

    /** The Content-Type, or {@code null} without a body. */
    String contentType() {
        return contentType;
    }

    /** Extra headers. */
    Map<String, String> headers() {
        return headers;
    }
}
