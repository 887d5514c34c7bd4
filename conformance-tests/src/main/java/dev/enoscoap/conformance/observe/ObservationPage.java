package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.admin.AdminResponse;
import dev.enoscoap.mock.admin.AdminRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The live page of an observation session, for the admin endpoint
 * ({@link dev.enoscoap.mock.admin.AdminServer.Builder#route}): {@value #PATH} is a page a person at
 * the bench keeps open on a laptop or a phone (each device, each purpose with its state and
 * evidence, the device's last journal lines, the time left; it polls the state once a second), and
 * {@value #STATE_PATH} is the same as JSON for scripts ({@link SessionSnapshot}).
 *
 * <pre>{@code
 * AdminServer admin = AdminServer.builder().port(0)
 *         .route(ObservationPage.page()).route(ObservationPage.state(session::snapshot)).start(mock);
 * }</pre>
 *
 * <p>The page is one self-contained document (no external assets) whose script and style are
 * pinned by a Content-Security-Policy hash; it writes device data only as text, never as markup.
 * The page itself carries no data and answers without the admin token; its state route wants the
 * token when one is set, which the page reads from its address: {@code /observe#token=TOKEN} (a
 * fragment never leaves the browser).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ObservationPage {
    /** Where the page is served. */
    public static final String PATH = "/observe";
    /** Where its state is served as JSON. */
    public static final String STATE_PATH = "/observe/state";

    private static final String HTML = read();
    private static final String CSP = "default-src 'none'; script-src '" + hash(between(HTML, "<script>", "</script>"))
            + "'; style-src '" + hash(between(HTML, "<style>", "</style>")) + "'; connect-src 'self'; img-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ObservationPage() {
    }

    /** The page's route, {@value #PATH}; it answers without the admin token (it holds no data). */
    public static AdminRoute page() {
        return AdminRoute.get(PATH, "The observation session's live page (HTML; its data comes from " + STATE_PATH + ")",
                r -> {
                    r.allowOnlyQuery();
                    return AdminResponse.html(HTML).header("Content-Security-Policy", CSP)
                            .header("Referrer-Policy", "no-referrer");
                }).withoutToken();
    }

    /** The state route, {@value #STATE_PATH}: the session as JSON, as {@link SessionSnapshot} describes it. */
    public static AdminRoute state(Supplier<SessionSnapshot> snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return AdminRoute.get(STATE_PATH, "The observation session as JSON: devices, stages, purposes with state and "
                + "evidence, the last journal lines, the time left", r -> {
                    r.allowOnlyQuery();
                    return AdminResponse.json(snapshot.get());
                });
    }

    /** Both routes for {@code session}. */
    public static List<AdminRoute> routes(ObservationSession session) {
        return List.of(page(), state(session::snapshot));
    }

    /** The page's HTML. */
    static String html() {
        return HTML;
    }

    /** The Content-Security-Policy sent with it. */
    static String contentSecurityPolicy() {
        return CSP;
    }

    private static String read() {
        try (InputStream in = ObservationPage.class.getResourceAsStream("observe-page.html")) {
            if (in == null) {
                throw new IllegalStateException("observe-page.html is missing from the conformance jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String between(String text, String open, String close) {
        int from = text.indexOf(open) + open.length();
        return text.substring(from, text.indexOf(close, from));
    }

    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
