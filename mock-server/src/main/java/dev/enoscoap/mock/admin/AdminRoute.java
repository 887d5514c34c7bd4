package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One entry of the admin endpoint's route table: a method, a path pattern and its handler.
 *
 * <p>A pattern is a path of literal segments and {@code {name}} parameters, each standing for one
 * whole segment: {@code /devices/{productKey}/{deviceKey}/commands}. A parameter's value is
 * percent-decoded, so a device key containing {@code /} is sent as {@code %2F}.
 *
 * @param method the HTTP method, upper case: {@code GET}, {@code POST}, {@code PUT}, {@code DELETE}
 * @param path the path pattern, starting with {@code /}
 * @param summary one line saying what the route does; shown in the route list and the OpenAPI document
 * @param open whether the route answers without the admin token (health and readiness probes)
 * @param handler what answers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AdminRoute(String method, String path, String summary, boolean open, AdminHandler handler) {
    private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}");

    public AdminRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("route method must be GET, POST, PUT, PATCH or DELETE, was '" + method + "'");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', was '" + path + "'");
        }
        Set<String> names = new HashSet<>();
        for (String segment : segments(path)) {
            if (PARAMETER.matcher(segment).matches()) {
                if (!names.add(segment)) {
                    throw new IllegalArgumentException("route path '" + path + "' names parameter " + segment + " twice");
                }
            } else if (!LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("route path '" + path + "': segment '" + segment
                        + "' must be a literal of letters, digits, '.', '_', '~', '-' or a parameter {name}");
            }
        }
    }

    /** A GET route that needs the token when one is set. */
    public static AdminRoute get(String path, String summary, AdminHandler handler) {
        return new AdminRoute("GET", path, summary, false, handler);
    }

    /** A POST route that needs the token when one is set. */
    public static AdminRoute post(String path, String summary, AdminHandler handler) {
        return new AdminRoute("POST", path, summary, false, handler);
    }

    /** A DELETE route that needs the token when one is set. */
    public static AdminRoute delete(String path, String summary, AdminHandler handler) {
        return new AdminRoute("DELETE", path, summary, false, handler);
    }

    /** The same route, answering without the token (for probes; never for routes that change state). */
    public AdminRoute withoutToken() {
        return new AdminRoute(method, path, summary, true, handler);
    }

    /** The path's segments, without the leading slash; {@code /} has none. */
    List<String> segments() {
        return segments(path);
    }

    static List<String> segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }

    /** {@code METHOD /path}. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
