package dev.enoscoap.mock.admin;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.enoscoap.mock.EnosMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API of a running {@link EnosMockServer}: the journal, devices, commands, faults,
 * reset, health and readiness, as JSON; its OpenAPI document at {@code GET /openapi.json}.
 *
 * <pre>{@code
 * try (EnosMockServer mock = EnosMockServer.builder().start();
 *      AdminServer admin = AdminServer.builder().port(0).start(mock)) {
 *     URI base = admin.uri();                      // http://127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * <p>More routes are mounted with {@link Builder#route(AdminRoute)} (an HTML page, more JSON);
 * they get the same checks as the built-in ones:
 * <ul>
 * <li>the {@code Host} header must be an IP address, {@code localhost} or a name allowed with
 *     {@link Builder#allowHost(String)} (a DNS-rebinding page cannot reach it);
 * <li>a browser's {@code Origin} must be the endpoint itself, and a body must be
 *     {@code application/json} (no cross-origin form or {@code text/plain} post);
 * <li>bound beyond loopback it wants a bearer token ({@link Builder#token(String)}); without one
 *     only the open routes ({@code /health}, {@code /ready}) answer;
 * <li>bodies are capped ({@value #DEFAULT_MAX_BODY_BYTES} bytes by default, 413 beyond) and read
 *     only after the checks; a request must arrive within {@code sun.net.httpserver.maxReqTime}
 *     seconds, which this class sets to {@value #MAX_REQUEST_SECONDS} unless the JVM has a value
 *     (the JDK reads it once, when its first HTTP server starts); several admin threads serve at
 *     once, so one slow client does not hold up the others.
 * </ul>
 * Errors are JSON {@code {"status":…,"error":"…"}}: 404 lists the routes, 405 says {@code Allow},
 * 415 and 413 say what was wrong, an unknown JSON field is refused with its name.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AdminServer implements AutoCloseable {
    /** Largest request body accepted by default. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Environment variable the command line reads the token from. */
    public static final String TOKEN_ENV = "ENOS_ADMIN_TOKEN";
    /** Environment variable the command line reads more allowed Host names from (comma-separated). */
    public static final String ALLOWED_HOSTS_ENV = "ENOS_ADMIN_ALLOWED_HOSTS";
    /** The logger of the admin endpoint. */
    public static final String LOGGER = "dev.enoscoap.mock.admin";
    /** Seconds a request may take to arrive, unless the JVM sets {@code sun.net.httpserver.maxReqTime}. */
    static final int MAX_REQUEST_SECONDS = 10;
    /** Admin threads are named this, the port and a number. */
    static final String THREAD_PREFIX = "enos-mock-admin-";
    private static final int THREADS = 8;
    private static final int QUEUED = 64;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final RouteTable table;
    private final AccessGuard guard;
    private final ObjectMapper json = AdminJson.mapper();
    private final int maxBodyBytes;
    private final InetSocketAddress address;

    private AdminServer(Builder b, EnosMockServer mock) throws IOException {
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(3 * MAX_REQUEST_SECONDS));
        this.maxBodyBytes = b.maxBodyBytes;
        List<AdminRoute> routes = new ArrayList<>();
        MockRoutes mockRoutes = new MockRoutes(Objects.requireNonNull(mock, "mock"));
        routes.addAll(mockRoutes.routes());
        routes.add(AdminRoute.get("/", "The routes of this endpoint", this::index));
        routes.add(AdminRoute.get("/openapi.json", "This API as an OpenAPI 3.0 document", r -> openApi()));
        routes.addAll(b.routes);
        this.table = new RouteTable(routes);
        InetSocketAddress requested = new InetSocketAddress(b.bindAddress, b.port);
        this.guard = new AccessGuard(b.token, b.bindAddress.isLoopbackAddress(), b.allowedHosts,
                AdminJson.hostPort(requested));
        this.http = HttpServer.create(requested, 50);
        this.address = http.getAddress();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), new Named(THREAD_PREFIX + address.getPort() + "-"));
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** A builder with the defaults: 127.0.0.1, port 0 (a free one), no token, the built-in routes. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address it listens on, with the real port. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT/}, with 127.0.0.1 for an endpoint bound to all addresses. */
    public URI uri() {
        InetAddress a = address.getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** The routes it serves, built-in and mounted, in table order. */
    public List<AdminRoute> routes() {
        return table.routes();
    }

    /** Whether a token protects the routes that are not open. */
    public boolean hasToken() {
        return guard.hasToken();
    }

    /** Whether only the open routes answer: bound beyond loopback without a token. */
    public boolean locked() {
        return guard.locked();
    }

    /** Stops listening, closes open connections and ends its threads. Idempotent. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AdminServer[" + uri() + (guard.hasToken() ? ", token" : guard.locked() ? ", locked" : "") + "]";
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        int status = 500;
        try {
            AdminResponse response;
            try {
                response = dispatch(exchange, method);
            } catch (AdminException e) {
                response = error(e);
            } catch (RuntimeException e) {
                LOG.warn("admin {} {} failed", method, rawPath, e);
                response = error(new AdminException(500, "the admin endpoint failed on " + method + " " + rawPath
                        + ": " + e));
            }
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("admin {} {}: the client went away: {}", method, rawPath, e.toString());
        } finally {
            exchange.close();
            LOG.debug("admin {} {} -> {} in {} ms", method, rawPath, status, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private AdminResponse dispatch(HttpExchange exchange, String method) throws IOException {
        Optional<String> host = first(exchange, "Host");
        Optional<AdminException> refused = guard.checkHost(host).or(() -> guard.checkOrigin(first(exchange, "Origin"), host));
        if (refused.isPresent()) {
            LOG.info("admin refused {} {}: {}", method, exchange.getRequestURI().getRawPath(), refused.get().getMessage());
            throw refused.get();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = new ArrayList<>();
        for (String s : AdminRoute.segments(rawPath == null ? "/" : rawPath)) {
            segments.add(decode(s));
        }
        String path = "/" + String.join("/", segments);
        RouteTable.Match match = table.match(method, segments);
        boolean open = match instanceof RouteTable.Found f && f.route().open();
        if (!open) {
            Optional<AdminException> denied = guard.checkToken(first(exchange, "Authorization"));
            if (denied.isPresent()) {
                throw denied.get();
            }
        }
        if (match instanceof RouteTable.WrongMethod wrong) {
            throw new AdminException(405, method + " is not allowed on " + path + "; allowed: "
                    + String.join(", ", wrong.allowed())).with("allow", List.copyOf(wrong.allowed()));
        }
        if (!(match instanceof RouteTable.Found found)) {
            throw AdminException.notFound("no admin route " + method + " " + path + "; the routes are listed here and "
                    + "described in GET /openapi.json").with("routes", routeNames());
        }
        byte[] body = readBody(exchange, method, path);
        AdminRequest request = new AdminRequest(method, path, found.parameters(), query(exchange.getRequestURI()),
                exchange.getRequestHeaders(), body, json);
        return found.route().handler().handle(request);
    }

    private byte[] readBody(HttpExchange exchange, String method, String path) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        if (!chunked && (length == null || length.trim().equals("0"))) {
            return new byte[0];
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).replace(" ", "").matches("application/json(;charset=utf-8)?")) {
            throw new AdminException(415, "the body of " + method + " " + path + " must be JSON sent as "
                    + "'Content-Type: application/json', was " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw AdminException.badRequest("Content-Length '" + length + "' is not a number");
            }
            if (declared > maxBodyBytes) {
                throw tooLarge(method, path, declared + " bytes");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge(method, path, "more than " + maxBodyBytes + " bytes");
            }
            return body;
        }
    }

    private AdminException tooLarge(String method, String path, String size) {
        return new AdminException(413, "the body of " + method + " " + path + " is " + size + "; the admin endpoint "
                + "takes at most " + maxBodyBytes + " bytes").with("limit", maxBodyBytes);
    }

    private AdminResponse index(AdminRequest request) {
        request.allowOnlyQuery();
        List<Map<String, Object>> list = new ArrayList<>();
        for (AdminRoute r : table.routes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("path", r.path());
            m.put("summary", r.summary());
            m.put("token", !r.open() && (guard.hasToken() || guard.locked()));
            list.add(m);
        }
        return AdminResponse.json(Map.of("routes", list));
    }

    private AdminResponse openApi() {
        ObjectNode doc = OpenApi.document(json, table.routes());
        return AdminResponse.json(doc);
    }

    private List<String> routeNames() {
        return table.routes().stream().map(AdminRoute::toString).toList();
    }

    private AdminResponse error(AdminException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("error", e.getMessage());
        body.putAll(e.details());
        AdminResponse response = AdminResponse.json(e.status(), body);
        if (e.status() == 405 && e.details().get("allow") instanceof List<?> allow) {
            response = response.header("Allow", String.join(", ", allow.stream().map(String::valueOf).toList()));
        }
        if (e.status() == 401) {
            response = response.header("WWW-Authenticate", "Bearer realm=\"enos-mock-admin\"");
        }
        return response;
    }

    private void send(HttpExchange exchange, AdminResponse response) throws IOException {
        byte[] body;
        if (response.jsonValue() != null) {
            body = (json.writeValueAsString(response.jsonValue()) + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            body = response.bytes();
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Optional<String> first(HttpExchange exchange, String header) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(header));
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decodeQuery(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("query '" + s + "' is not percent-encoded correctly: " + e.getMessage());
        }
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("path segment '" + segment + "' is not percent-encoded correctly: "
                    + e.getMessage());
        }
    }

    /** Admin threads: named after the server's port, daemon, numbered. */
    private static final class Named implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        Named(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Configures and starts an {@link AdminServer}. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String token;
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private final List<AdminRoute> routes = new ArrayList<>();

        private Builder() {
        }

        /** The address to listen on; default 127.0.0.1. Any other address wants a {@link #token(String)}. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The address to listen on, by name or literal. */
        public Builder bindAddress(String host) {
            try {
                return bindAddress(InetAddress.getByName(Objects.requireNonNull(host, "host")));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("admin bind address '" + host + "' cannot be resolved", e);
            }
        }

        /** The TCP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("admin port " + port + " is outside 0..65535");
            }
            this.port = port;
            return this;
        }

        /**
         * The bearer token every route but the open ones wants ({@code Authorization: Bearer TOKEN});
         * {@code null} for none. At least 16 characters.
         */
        public Builder token(String token) {
            if (token != null && (token.length() < 16 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("admin token must be at least 16 printable ASCII characters without "
                        + "spaces, was " + token.length() + " characters");
            }
            this.token = token;
            return this;
        }

        /** Accepts {@code Host: name} besides IP addresses and localhost (e.g. a container's service name); {@code *} accepts any. */
        public Builder allowHost(String name) {
            String n = Objects.requireNonNull(name, "name").trim();
            if (n.isEmpty() || n.contains("/") || n.contains(" ")) {
                throw new IllegalArgumentException("allowed host must be a host name such as enos-mock, was '" + name + "'");
            }
            this.allowedHosts.add(n);
            return this;
        }

        /** The largest request body accepted (default {@value AdminServer#DEFAULT_MAX_BODY_BYTES} bytes). */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("admin body limit must be at least 1 byte, was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Mounts another route; it must not clash with a built-in one. */
        public Builder route(AdminRoute route) {
            this.routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /**
         * Starts listening, serving {@code mock}.
         *
         * @throws IOException if the port cannot be bound, e.g. {@link java.net.BindException} when it is taken
         */
        public AdminServer start(EnosMockServer mock) throws IOException {
            return new AdminServer(this, mock);
        }
    }
}
