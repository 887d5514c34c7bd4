package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * A request to the admin endpoint as a handler sees it: method, path, path parameters, query
 * parameters, headers and the body (already capped in size, and JSON when present).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AdminRequest {
    private final String method;
    private final String path;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final ObjectMapper json;

    AdminRequest(String method, String path, Map<String, String> pathParameters, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body, ObjectMapper json) {
        this.method = method;
        this.path = path;
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = query;
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = lower;
        this.body = body;
        this.json = json;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The request path, percent-decoded, without the query. */
    public String path() {
        return path;
    }

    /** The value of path parameter {@code {name}} of the route's pattern, percent-decoded. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route of " + method + " " + path + " has no parameter {" + name + "}");
        }
        return value;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Refuses a query parameter the route does not know (400 naming it), so a misspelt filter is
     * not silently ignored.
     */
    public void allowOnlyQuery(String... names) {
        Set<String> known = new TreeSet<>(Arrays.asList(names));
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw AdminException.badRequest("unknown query parameter '" + name + "' on " + method + " " + path
                        + (known.isEmpty() ? ": it takes none" : "; known: " + String.join(", ", known)))
                        .with("parameter", name);
            }
        }
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the request has a body. */
    public boolean hasBody() {
        return body.length > 0;
    }

    /** The body's bytes (empty when there is none). */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The JSON body as {@code type}. Unknown fields are refused with their name, as are missing
     * bodies, malformed JSON and values of the wrong type (400).
     */
    public <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw AdminException.badRequest(method + " " + path + " needs a JSON body (Content-Type: application/json)");
        }
        return AdminJson.read(json, body, type, method + " " + path);
    }
}
