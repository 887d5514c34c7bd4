package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An answer other than success from an {@link AdminHandler}: an HTTP status and a message that
 * names the input and the rule it broke. It is sent as {@code {"status":…,"error":"…"}} plus any
 * {@linkplain #with(String, Object) details}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, Object> details = new LinkedHashMap<>();

    /**
     * @param status the HTTP status, 400..599
     * @param message what is wrong, naming the input
     */
    public AdminException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an admin error needs a 4xx or 5xx status, was " + status);
        }
        this.status = status;
    }

    /** 400: the request is malformed or breaks a rule. */
    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    /** 404: the thing the request names does not exist. */
    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    /** Adds a field to the error body, e.g. the name of an unknown field. */
    public AdminException with(String name, Object value) {
        details.put(name, value);
        return this;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Extra fields of the error body. */
    public Map<String, Object> details() {
        return Map.copyOf(details);
    }
}
