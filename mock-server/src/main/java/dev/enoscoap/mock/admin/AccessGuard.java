package dev.enoscoap.mock.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may talk to the admin endpoint: the Host header must name this machine (against DNS
 * rebinding), a browser's Origin must be the endpoint itself (against cross-origin posts), and
 * routes other than the probes need the bearer token when there is one; bound beyond loopback
 * without a token, only the probes answer.
 */
final class AccessGuard {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%25[0-9a-z._~-]+)?]");

    private final byte[] token;
    private final boolean locked;
    private final Set<String> allowedHosts;
    private final String lockedReason;

    /**
     * @param token the bearer token, or {@code null} for none
     * @param loopbackOnly whether the endpoint listens on a loopback address only
     * @param allowedHosts host names accepted besides IP literals and {@code localhost}; {@code *} accepts any
     * @param bound how the endpoint is bound, for messages
     */
    AccessGuard(String token, boolean loopbackOnly, Set<String> allowedHosts, String bound) {
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.locked = token == null && !loopbackOnly;
        TreeSet<String> hosts = new TreeSet<>();
        allowedHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        this.allowedHosts = hosts;
        this.lockedReason = "the admin endpoint listens on " + bound + " without a token, so only the open routes "
                + "(health and readiness) answer; give it a token with --admin-token or " + AdminServer.TOKEN_ENV
                + " and send it as 'Authorization: Bearer TOKEN'";
    }

    /** Whether a token is set. */
    boolean hasToken() {
        return token != null;
    }

    /** Whether only the open routes answer: bound beyond loopback without a token. */
    boolean locked() {
        return locked;
    }

    /** Refuses a Host that is not an IP literal, localhost or an allowed name (DNS rebinding). */
    Optional<AdminException> checkHost(Optional<String> hostHeader) {
        if (hostHeader.isEmpty() || allowedHosts.contains("*")) {
            return Optional.empty();
        }
        String host = hostOf(hostHeader.get());
        if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches() || host.equals("localhost")
                || host.endsWith(".localhost") || allowedHosts.contains(host)) {
            return Optional.empty();
        }
        return Optional.of(new AdminException(403, "Host '" + hostHeader.get() + "' is not a name of this admin "
                + "endpoint: it answers to IP addresses, localhost"
                + (allowedHosts.isEmpty() ? "" : " and " + String.join(", ", allowedHosts))
                + " (a protection against DNS rebinding); add a name with --admin-allowed-host or "
                + AdminServer.ALLOWED_HOSTS_ENV).with("host", hostHeader.get()));
    }

    /** Refuses a request whose Origin (sent by browsers) is not the endpoint itself. */
    Optional<AdminException> checkOrigin(Optional<String> origin, Optional<String> hostHeader) {
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        String sameOrigin = hostHeader.map(h -> "http://" + h.toLowerCase(Locale.ROOT)).orElse(null);
        String given = origin.get().toLowerCase(Locale.ROOT);
        if (sameOrigin != null && normalise(given).equals(normalise(sameOrigin))) {
            return Optional.empty();
        }
        return Optional.of(new AdminException(403, "cross-origin request refused: Origin '" + origin.get()
                + "' is not this admin endpoint (" + (sameOrigin == null ? "no Host header" : sameOrigin)
                + "); the admin API is not for other web pages").with("origin", origin.get()));
    }

    /** Refuses a request without the right token to a route that is not open. */
    Optional<AdminException> checkToken(Optional<String> authorization) {
        if (locked) {
            return Optional.of(new AdminException(401, lockedReason));
        }
        if (token == null) {
            return Optional.empty();
        }
        byte[] given = authorization.orElse("").getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(token, given)) {
            return Optional.empty();
        }
        return Optional.of(new AdminException(401, authorization.isEmpty()
                ? "this admin endpoint needs its token: send 'Authorization: Bearer TOKEN' (the token given with "
                        + "--admin-token or " + AdminServer.TOKEN_ENV + ")"
                : "the Authorization header does not carry this admin endpoint's token"));
    }

    /** The host part of a Host header: {@code [::1]:8684} gives {@code [::1]}, {@code a.b:80} gives {@code a.b}. */
    static String hostOf(String header) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** An origin without a trailing slash and without the default port. */
    private static String normalise(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return origin;
            }
            int port = uri.getPort() == 80 && "http".equals(uri.getScheme()) ? -1 : uri.getPort();
            return uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return origin;
        }
    }
}
