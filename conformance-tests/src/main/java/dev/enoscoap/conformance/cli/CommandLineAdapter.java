package dev.enoscoap.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.NotSupported;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Drives any program as an EnOS client through the kit's <b>shim contract</b>, so a client in
 * any language can be judged.
 *
 * <h2>Command template</h2>
 * One string, split into words as a shell splits a simple command (blanks separate words, single
 * and double quotes group them) and then filled word by word, so a value never splits a word and
 * no shell interprets it. The program is started directly, not through a shell. Placeholders:
 * <ul>
 * <li>{@code {action}}: {@code connect}, {@code activate}, {@code report} or {@code commands}</li>
 * <li>{@code {host}}, {@code {port}}, {@code {uri}} ({@code coaps://HOST:PORT}) of the mock server</li>
 * <li>{@code {productKey}}, {@code {deviceKey}}, {@code {secureMode}} (2 or 3), {@code {lifetime}} (seconds)</li>
 * <li>{@code {secret}}: the device secret (SecureMode 2) or product secret (SecureMode 3)</li>
 * <li>{@code {keyHex}}: the PSK key the kit derives from it, bytes [8,24) of SHA-256, 32 hex digits
 * (a client that derives its own key should ignore it)</li>
 * <li>{@code {identity}}: {@code {productKey},{deviceKey},{secureMode},{lifetime}}</li>
 * <li>{@code {suites}}: IANA names of the suites to offer, comma-separated; empty = the client's default</li>
 * <li>{@code {topic}}: the path the action uses (uplink topic for report and connect, activation path
 * for activate)</li>
 * <li>{@code {payload}}: for {@code report}, the measure points as a JSON object such as
 * {@code {"temp":21.5}}; the client frames the EnOS body itself (EC-11). Empty otherwise.</li>
 * </ul>
 * The same values are in the program's environment as {@code ENOS_ACTION}, {@code ENOS_HOST},
 * {@code ENOS_PORT}, {@code ENOS_URI}, {@code ENOS_PRODUCT_KEY}, {@code ENOS_DEVICE_KEY},
 * {@code ENOS_SECURE_MODE}, {@code ENOS_LIFETIME}, {@code ENOS_SECRET}, {@code ENOS_KEY_HEX},
 * {@code ENOS_IDENTITY}, {@code ENOS_SUITES}, {@code ENOS_TOPIC} and {@code ENOS_PAYLOAD}.
 *
 * <h2>Exit code and output</h2>
 * <ul>
 * <li>{@value #EXIT_DONE}: done. Results are {@code key=value} lines on stdout (other lines are
 * ignored): {@code deviceSecret=...} after {@code activate}; {@code coapCode=2.04} and
 * {@code replyCode=200} after {@code report} ({@code replyCode} may be left out when the client
 * cannot tell); one {@code answered=ID} line per command answered after {@code commands}.</li>
 * <li>{@value #EXIT_UNIMPLEMENTED}: the program does not implement the action: the purpose is
 * <em>not applicable</em> ({@link NotSupported}).</li>
 * <li>anything else: the client failed ({@link ClientFailure}); the exit code and the last lines
 * of stderr are the evidence. A refused Lifetime, a failed handshake and an error answer are all
 * failures.</li>
 * </ul>
 * A call that runs longer than the time limit is killed, with its child processes, and is a
 * failure. A {@code report} that exits 0 but shows a non-2.xx CoAP code or a reply code other
 * than 200 is a failure too, as for any adapter.
 *
 * <p>A program cannot be asked what it can do, so its capabilities are configuration. Each call
 * starts a new process, so a command-line client cannot keep a DTLS session across calls and
 * should not declare {@code SESSION_REUSE}.
 */
public final class CommandLineAdapter implements EnosClientAdapter {
    /** Exit code of a call that succeeded. */
    public static final int EXIT_DONE = 0;
    /** Exit code of an action the program does not implement: not applicable. */
    public static final int EXIT_UNIMPLEMENTED = 3;
    /** Time limit of one call unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int STDERR_LINES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandTemplate template;
    private final ClientInfo info;
    private final Duration timeout;
    private volatile Process running;

    /**
     * @param template the command template (see the class description)
     * @param info the client's declared name, version and capabilities
     * @param timeout the time limit of one call
     * @throws IllegalArgumentException if the template is empty, has unbalanced quotes or an unknown placeholder
     */
    public CommandLineAdapter(String template, ClientInfo info, Duration timeout) {
        this.template = CommandTemplate.parse(template);
        this.info = Objects.requireNonNull(info, "info");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public ClientInfo info() {
        return info;
    }

    @Override
    public void connect(ConnectionSpec spec) throws ClientFailure, NotSupported {
        run("connect", spec, uplinkTopic(spec), "");
    }

    @Override
    public String activate(ConnectionSpec spec) throws ClientFailure, NotSupported {
        Result r = run("activate", spec,
                "/topic/ext/session/" + spec.productKey() + "/" + spec.deviceKey() + "/thing/activate/info", "");
        String secret = r.value("deviceSecret");
        if (secret == null || secret.isEmpty()) {
            throw new ClientFailure("activate: the client exited 0 but printed no deviceSecret= line" + r.stdoutTail());
        }
        return secret;
    }

    @Override
    public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints)
            throws ClientFailure, NotSupported {
        String payload;
        try {
            payload = JSON.writeValueAsString(measurePoints);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("measure points are not JSON: " + measurePoints, e);
        }
        Result r = run("report", spec, uplinkTopic(spec), payload);
        String coap = r.value("coapCode");
        if (coap == null || !coap.matches("[2-5]\\.\\d\\d")) {
            throw new ClientFailure("report: the client exited 0 but printed no coapCode=N.NN line" + r.stdoutTail());
        }
        String reply = r.value("replyCode");
        int replyCode;
        try {
            replyCode = reply == null || reply.isEmpty() ? -1 : Integer.parseInt(reply);
        } catch (NumberFormatException e) {
            throw new ClientFailure("report: replyCode=" + reply + " is not a number");
        }
        PublishResult result = new PublishResult(coap, replyCode);
        if (!result.succeeded()) {
            throw new ClientFailure("report: the client saw coapCode=" + coap + " replyCode=" + replyCode);
        }
        return result;
    }

    @Override
    public List<String> answerCommands(ConnectionSpec spec) throws ClientFailure, NotSupported {
        return run("commands", spec, uplinkTopic(spec), "").values("answered");
    }

    @Override
    public void close() {
        Process p = running;
        if (p != null) {
            kill(p);
        }
    }

    private static String uplinkTopic(ConnectionSpec spec) {
        return "/topic/sys/" + spec.productKey() + "/" + spec.deviceKey() + "/thing/measurepoint/post";
    }

    /** The placeholder values of one call. */
    static Map<String, String> values(String action, ConnectionSpec spec, String topic, String payload) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("action", action);
        v.put("host", spec.host());
        v.put("port", Integer.toString(spec.port()));
        v.put("uri", "coaps://" + spec.host() + ":" + spec.port());
        v.put("productKey", spec.productKey());
        v.put("deviceKey", spec.deviceKey());
        v.put("secureMode", Integer.toString(spec.secureMode()));
        v.put("lifetime", Integer.toString(spec.lifetimeSeconds()));
        v.put("secret", spec.secret());
        v.put("keyHex", PskKeys.deriveHex(spec.secret()));
        v.put("identity", spec.productKey() + "," + spec.deviceKey() + "," + spec.secureMode() + ","
                + spec.lifetimeSeconds());
        v.put("suites", spec.cipherSuites().stream().map(EnosCipherSuite::ianaName).collect(Collectors.joining(",")));
        v.put("topic", topic);
        v.put("payload", payload);
        return v;
    }

    private Result run(String action, ConnectionSpec spec, String topic, String payload)
            throws ClientFailure, NotSupported {
        Map<String, String> values = values(action, spec, topic, payload);
        List<String> command = template.render(values);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("enos-client-", ".out");
            err = Files.createTempFile("enos-client-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            values.forEach((k, val) -> pb.environment().put(envName(k), val));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ClientFailure(action + ": cannot start '" + command.get(0) + "': " + e.getMessage(), e);
            }
            running = p;
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw new ClientFailure(action + ": interrupted; the client was stopped", e);
            } finally {
                running = null;
            }
            if (!finished) {
                kill(p);
                throw new ClientFailure(action + ": the client did not finish within " + timeout.toSeconds()
                        + " s and was stopped" + tail("stderr", read(err)));
            }
            String stdout = read(out);
            String stderr = read(err);
            int code = p.exitValue();
            if (code == EXIT_UNIMPLEMENTED) {
                String why = lastLines(stderr, 1).strip();
                throw new NotSupported("the client does not implement '" + action + "' (exit " + EXIT_UNIMPLEMENTED
                        + (why.isEmpty() ? ")" : "): " + why));
            }
            if (code != EXIT_DONE) {
                throw new ClientFailure(action + ": the client exited with " + code + tail("stderr", stderr));
            }
            return new Result(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String envName(String placeholder) {
        return "ENOS_" + placeholder.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    static String lastLines(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static String tail(String stream, String text) {
        String t = lastLines(text, STDERR_LINES);
        return t.isEmpty() ? "; " + stream + " was empty" : "; " + stream + ":\n" + t;
    }

    /** The {@code key=value} lines a call printed. */
    private record Result(String stdout) {
        String value(String key) {
            List<String> all = values(key);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        List<String> values(String key) {
            List<String> found = new ArrayList<>();
            for (String line : stdout.lines().toList()) {
                String l = line.strip();
                if (l.startsWith(key + "=")) {
                    found.add(l.substring(key.length() + 1));
                }
            }
            return found;
        }

        String stdoutTail() {
            return tail("stdout", stdout);
        }
    }
}
