package dev.enoscoap.conformance.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Drives any program as an EnOS client through the kit's <b>shim contract</b>, so a client in
 * any language can be judged.
 *
 * <h2>Command template</h2>
 * One string, split into words as a shell splits a simple command (blanks separate words, single
 * and double quotes group them) and then filled word by word, so a value never splits a word and
 * no shell interprets it. The program is started directly, not through a shell. Placeholders:
 * <ul>
 * <li>{@code {action}}: {@code connect}, {@code activate}, {@code report}, {@code report-batch},
 * {@code resume}, {@code event}, {@code attributes} or {@code commands}</li>
 * <li>{@code {host}}, {@code {port}}, {@code {uri}} ({@code coaps://HOST:PORT}) of the mock server</li>
 * <li>{@code {productKey}}, {@code {deviceKey}}, {@code {secureMode}} (2 or 3), {@code {lifetime}} (seconds)</li>
 * <li>{@code {secret}}: the device secret (SecureMode 2) or product secret (SecureMode 3)</li>
 * <li>{@code {keyHex}}: the PSK key the kit derives from it, bytes [8,24) of SHA-256, 32 hex digits
 * (a client that derives its own key should ignore it)</li>
 * <li>{@code {identity}}: {@code {productKey},{deviceKey},{secureMode},{lifetime}}</li>
 * <li>{@code {suites}}: IANA names of the suites to offer, comma-separated; empty = the client's default</li>
 * <li>{@code {topic}}: the path the action uses (uplink topic for report and connect, activation path
 * for activate)</li>
 * <li>{@code {payload}}: for {@code report} and {@code resume}, the measure points as a JSON object such as
 * {@code {"temp":21.5}}; for {@code report-batch} a JSON array of such objects; for {@code event} the
 * event's values; for {@code attributes} the attributes. The client frames the EnOS body itself
 * (EC-11). Empty otherwise.</li>
 * <li>{@code {count}}: for {@code report}, how many uploads of {@code {payload}} to send in this call,
 * each a new request (1 otherwise)</li>
 * <li>{@code {time}}: for {@code resume}, when the data was measured, epoch milliseconds</li>
 * <li>{@code {event}}: for {@code event}, the event identifier</li>
 * </ul>
 * The same values are in the program's environment as {@code ENOS_ACTION}, {@code ENOS_HOST},
 * {@code ENOS_PORT}, {@code ENOS_URI}, {@code ENOS_PRODUCT_KEY}, {@code ENOS_DEVICE_KEY},
 * {@code ENOS_SECURE_MODE}, {@code ENOS_LIFETIME}, {@code ENOS_SECRET}, {@code ENOS_KEY_HEX},
 * {@code ENOS_IDENTITY}, {@code ENOS_SUITES}, {@code ENOS_TOPIC}, {@code ENOS_PAYLOAD}, {@code ENOS_COUNT},
 * {@code ENOS_TIME} and {@code ENOS_EVENT}.
 *
 * <h2>Exit code and output</h2>
 * <ul>
 * <li>{@value #EXIT_DONE}: done. Results are {@code key=value} lines on stdout (other lines are
 * ignored): {@code deviceSecret=...} after {@code activate}; {@code coapCode=2.04} and
 * {@code replyCode=200} after each upload ({@code replyCode} may be left out when the client
 * cannot tell); one {@code answered=ID} line per command answered after {@code commands}.
 * {@code key=value} lines printed before a failure are kept too (e.g. the {@code deviceSecret} of an
 * activation whose reconnect then failed).</li>
 * <li>{@value #EXIT_UNIMPLEMENTED}: the program does not implement the action ({@link NotSupported}): the
 * purpose is <em>not applicable</em> if the action's capability is not declared, and a failure if it is.</li>
 * <li>anything else: the client failed ({@link ClientFailure}); the exit code and the last lines
 * of stderr (bounded, control characters escaped) are the evidence. A refused Lifetime, a failed
 * handshake and an error answer are all failures.</li>
 * </ul>
 * The program runs in a session and process group of its own (through {@code setsid} where it
 * exists); a call that runs longer than the time limit is killed with its whole process group, so
 * the processes it started die with it, and is a failure. A {@code report} that exits 0 but shows a non-2.xx CoAP code or a reply code other
 * than 200 is a failure too, as for any adapter.
 *
 * <p>A program cannot be asked what it can do, so its capabilities are configuration. Each call
 * starts a new process, so a command-line client cannot keep a DTLS session across calls and
 * should not declare {@code SESSION_REUSE}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CommandLineAdapter implements EnosClientAdapter {
    /** Exit code of a call that succeeded. */
    public static final int EXIT_DONE = 0;
    /** Exit code of an action the program does not implement: not applicable. */
    public static final int EXIT_UNIMPLEMENTED = 3;
    /** Time limit of one call unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How many of its last stderr lines a failed call shows. */
    static final int STDERR_LINES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandTemplate template;
    private final ClientInfo info;
    private final Duration timeout;
    private volatile ProgramCall running;

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
        run(call("connect", spec, uplink(spec, UplinkKind.MEASUREPOINT_POST)));
    }

    @Override
    public String activate(ConnectionSpec spec) throws ClientFailure, NotSupported {
        Result r = run(call("activate", spec, Topics.activationPath(spec.device())));
        String secret = r.value("deviceSecret");
        if (secret == null || secret.isEmpty()) {
            throw new ClientFailure("activate: the client exited 0 but printed no deviceSecret= line" + r.stdoutTail());
        }
        return secret;
    }

    @Override
    public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints)
            throws ClientFailure, NotSupported {
        List<PublishResult> all = reportMeasurePoints(spec, measurePoints, 1);
        return all.get(all.size() - 1);
    }

    @Override
    public List<PublishResult> reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints, int count)
            throws ClientFailure, NotSupported {
        Map<String, String> v = call("report", spec, uplink(spec, UplinkKind.MEASUREPOINT_POST));
        v.put("payload", json(measurePoints));
        v.put("count", Integer.toString(count));
        return published("report", run(v));
    }

    @Override
    public PublishResult reportMeasurePointBatch(ConnectionSpec spec, List<Map<String, Object>> batch)
            throws ClientFailure, NotSupported {
        Map<String, String> v = call("report-batch", spec, uplink(spec, UplinkKind.MEASUREPOINT_POST_BATCH));
        v.put("payload", json(batch));
        return last("report-batch", run(v));
    }

    @Override
    public PublishResult resumeMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints, Instant measuredAt)
            throws ClientFailure, NotSupported {
        Map<String, String> v = call("resume", spec, uplink(spec, UplinkKind.MEASUREPOINT_RESUME));
        v.put("payload", json(measurePoints));
        v.put("time", Long.toString(measuredAt.toEpochMilli()));
        return last("resume", run(v));
    }

    @Override
    public PublishResult postEvent(ConnectionSpec spec, String identifier, Map<String, Object> values)
            throws ClientFailure, NotSupported {
        Map<String, String> v = call("event", spec, Topics.eventPath(spec.device(), identifier));
        v.put("payload", json(values));
        v.put("event", identifier);
        return last("event", run(v));
    }

    @Override
    public PublishResult updateAttributes(ConnectionSpec spec, Map<String, Object> attributes)
            throws ClientFailure, NotSupported {
        Map<String, String> v = call("attributes", spec, uplink(spec, UplinkKind.ATTRIBUTE_UPDATE));
        v.put("payload", json(attributes));
        return last("attributes", run(v));
    }

    @Override
    public List<String> answerCommands(ConnectionSpec spec) throws ClientFailure, NotSupported {
        return run(call("commands", spec, uplink(spec, UplinkKind.MEASUREPOINT_POST))).values("answered");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + value, e);
        }
    }

    private static String uplink(ConnectionSpec spec, UplinkKind kind) {
        return Topics.uplinkPath(kind, spec.device());
    }

    private static PublishResult last(String action, Result r) throws ClientFailure {
        List<PublishResult> all = published(action, r);
        return all.get(all.size() - 1);
    }

    /** One result per {@code coapCode=} line (with the {@code replyCode=} line of the same position). */
    private static List<PublishResult> published(String action, Result r) throws ClientFailure {
        List<String> codes = r.values("coapCode");
        List<String> replies = r.values("replyCode");
        if (codes.isEmpty() || codes.stream().anyMatch(c -> !ResponseCode.isWellFormed(c))) {
            throw new ClientFailure(action + ": the client exited 0 but printed no coapCode=N.NN line" + r.stdoutTail());
        }
        List<PublishResult> results = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String reply = i < replies.size() ? replies.get(i) : null;
            int replyCode;
            try {
                replyCode = reply == null || reply.isEmpty() ? -1 : Integer.parseInt(reply);
            } catch (NumberFormatException e) {
                throw new ClientFailure(action + ": replyCode=" + Text.escape(reply) + " is not a number");
            }
            PublishResult result = new PublishResult(codes.get(i), replyCode);
            if (!result.succeeded()) {
                throw new ClientFailure(action + ": the client saw coapCode=" + codes.get(i) + " replyCode=" + replyCode);
            }
            results.add(result);
        }
        return results;
    }

    @Override
    public void close() {
        ProgramCall call = running;
        if (call != null) {
            call.stop();
        }
    }

    /** The placeholder values of one call, before action-specific ones are added. */
    static Map<String, String> call(String action, ConnectionSpec spec, String topic) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("action", action);
        v.put("host", spec.host());
        v.put("port", Integer.toString(spec.port()));
        v.put("uri", "coaps://" + spec.host() + ":" + spec.port());
        v.put("productKey", spec.productKey());
        v.put("deviceKey", spec.deviceKey());
        v.put("secureMode", Integer.toString(spec.secureMode().code()));
        v.put("lifetime", Integer.toString(spec.lifetimeSeconds()));
        v.put("secret", spec.secret());
        v.put("keyHex", PskKeys.deriveHex(spec.secret()));
        v.put("identity", spec.identity());
        v.put("suites", spec.cipherSuites().stream().map(EnosCipherSuite::ianaName).collect(Collectors.joining(",")));
        v.put("topic", topic);
        v.put("payload", "");
        v.put("count", "1");
        v.put("time", "");
        v.put("event", "");
        return v;
    }

    private Result run(Map<String, String> values) throws ClientFailure, NotSupported {
        String action = values.get("action");
        List<String> command = template.render(values);
        ProgramCall call = new ProgramCall(command, environment(values), timeout);
        ProgramCall.Result ended;
        running = call;
        try {
            ended = call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure(action + ": interrupted; the client was stopped", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running = null;
        }
        Result result = new Result(ended.stdout());
        switch (ended.ending()) {
            case NOT_STARTED -> throw new ClientFailure(action + ": cannot start '" + command.get(0) + "': "
                    + ended.notStarted());
            case TIMED_OUT -> throw new ClientFailure(action + ": the client did not finish within " + timeout.toSeconds()
                    + " s and was stopped with the processes it started" + tail("stderr", ended.stderrTail(STDERR_LINES)),
                    result.values());
            case EXITED -> {
                // judged below
            }
        }
        int code = ended.exitCode();
        if (code == EXIT_UNIMPLEMENTED) {
            String why = ended.stderrTail(1).strip();
            throw new NotSupported("the client does not implement '" + action + "' (exit " + EXIT_UNIMPLEMENTED
                    + (why.isEmpty() ? ")" : "): " + why));
        }
        if (code != EXIT_DONE) {
            throw new ClientFailure(action + ": the client exited with " + code + tail("stderr", ended.stderrTail(STDERR_LINES)),
                    result.values());
        }
        return result;
    }

    /** The program's environment for a call: each placeholder's value as {@code ENOS_...}. */
    static Map<String, String> environment(Map<String, String> values) {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(envName(k), v));
        return env;
    }

    static String envName(String placeholder) {
        return "ENOS_" + placeholder.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * The stream's last line on the first line of the message, where the report's one-line evidence
     * shows it, then its last lines below: {@code ": LAST\nstderr (last lines):\n..."}; or
     * {@code "; stderr was empty"}.
     */
    private static String tail(String stream, String escapedLines) {
        if (escapedLines.isEmpty()) {
            return "; " + stream + " was empty";
        }
        String last = escapedLines.substring(escapedLines.lastIndexOf('\n') + 1);
        return ": " + last + "\n" + stream + " (last lines):\n" + escapedLines;
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
            return tail("stdout", Text.escapedLines(Text.lastLines(stdout, STDERR_LINES), ProgramCall.LINE_CHARS));
        }

        /** The last value of every key, for a failure that keeps what was reported before it. */
        Map<String, String> values() {
            Map<String, String> all = new LinkedHashMap<>();
            for (String line : stdout.lines().toList()) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (eq > 0 && l.substring(0, eq).matches("[A-Za-z]+")) {
                    all.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            return all;
        }
    }
}
