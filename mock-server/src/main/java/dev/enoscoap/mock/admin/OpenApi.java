package dev.enoscoap.mock.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI document of the admin endpoint: the built-in routes as written in
 * {@code openapi.json} next to this class, plus a short entry for every mounted route.
 */
final class OpenApi {
    static final String RESOURCE = "openapi.json";

    private OpenApi() {
    }

    /** The written document. */
    static ObjectNode written(ObjectMapper json) {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the admin OpenAPI document " + RESOURCE + " is missing from the jar");
            }
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin OpenAPI document", e);
        }
    }

    /** The written document with every route of {@code routes} it lacks added. */
    static ObjectNode document(ObjectMapper json, List<AdminRoute> routes) {
        ObjectNode doc = written(json);
        ObjectNode paths = doc.withObjectProperty("paths");
        for (AdminRoute route : routes) {
            ObjectNode path = paths.withObjectProperty(route.path());
            String method = route.method().toLowerCase(Locale.ROOT);
            if (path.has(method)) {
                continue;
            }
            ObjectNode op = path.putObject(method);
            op.put("summary", route.summary());
            if (route.open()) {
                op.putArray("security");
            }
            for (String segment : route.segments()) {
                if (segment.startsWith("{")) {
                    op.withArrayProperty("parameters").addObject().put("name", segment.substring(1, segment.length() - 1))
                            .put("in", "path").put("required", true).putObject("schema").put("type", "string");
                }
            }
            op.putObject("responses").putObject("200").put("description", route.summary());
        }
        return doc;
    }

    /** Whether the document has an operation for the route. */
    static boolean describes(JsonNode doc, AdminRoute route) {
        return doc.path("paths").path(route.path()).has(route.method().toLowerCase(Locale.ROOT));
    }
}
