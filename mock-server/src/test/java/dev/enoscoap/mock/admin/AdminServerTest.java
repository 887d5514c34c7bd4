package dev.enoscoap.mock.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.command.CommandExpiredException;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The admin API over a real mock: every route, and every refusal. */
class AdminServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MEASURE = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";
    private static final String UPLINK = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"temp\":20.5}}}";
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private EnosMockServer mock;
    private AdminServer admin;

    @BeforeEach
    void start() throws IOException {
        mock = EnosMockServer.builder().start();
        admin = AdminServer.builder().start(mock);
    }

    @AfterEach
    void stop() {
        admin.close();
        mock.close();
    }

    /** A response with its status, headers and body as JSON (or {@code null} when the body is not JSON). */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        String error() {
            return json.path("error").asText();
        }
    }

    private Reply call(String method, String path, String json, String... headers) throws Exception {
        return call(admin, method, path, json, headers);
    }

    private Reply call(AdminServer server, String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(WAIT);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            body = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), r, body);
    }

    /** What a raw HTTP/1.1 request over a socket gets back: the start of the status line, or null if the server closed. */
    private String raw(String request, Duration timeout) throws IOException {
        String response = rawResponse(admin, request, timeout, 12);
        return response.isEmpty() ? null : response;
    }

    /** Sends a raw request (the HTTP client refuses to set Host) and reads up to {@code max} bytes of the response. */
    private static String rawResponse(AdminServer server, String request, Duration timeout, int max) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(max), StandardCharsets.ISO_8859_1);
        }
    }

    private static String get(AdminServer server, String path, String host) throws IOException {
        return rawResponse(server, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", WAIT,
                100_000);
    }

    private void uplink() {
        try (TestDevice device = TestDevice.of(mock, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            CoapResponse r = device.post(MEASURE, UPLINK);
            assertThat(r).isNotNull();
        }
    }

    // --- probes ---

    @Test
    void healthIsUpAndReadinessFollowsTheCoapServer() throws Exception {
        assertThat(call("GET", "/health", null).json().path("status").asText()).isEqualTo("UP");
        Reply ready = call("GET", "/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("READY");
        assertThat(ready.json().path("coaps").asText()).isEqualTo(mock.coapsUri().toString());

        mock.close();

        Reply stopped = call("GET", "/ready", null);
        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.json().path("status").asText()).isEqualTo("NOT_READY");
        assertThat(call("GET", "/health", null).status()).isEqualTo(200);
    }

    // --- journal ---

    @Test
    void journalIsJsonWithTheFieldsOfEveryEntry() throws Exception {
        uplink();
        Await.until(WAIT, () -> !mock.journal().exchanges(DEV01).isEmpty(), () -> mock.journal().dump());

        Reply r = call("GET", "/journal", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode entries = r.json().path("entries");
        assertThat(entries.size()).isEqualTo(mock.journal().entries().size());
        JsonNode handshake = first(entries, "handshake");
        assertThat(handshake.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(handshake.path("device").asText()).isEqualTo("demoProduct/dev01");
        assertThat(handshake.path("identity").path("lifetimeSeconds").asInt()).isEqualTo(60);
        assertThat(handshake.path("peer").asText()).startsWith("127.0.0.1:");
        assertThat(handshake.path("line").asText()).startsWith("handshake ACCEPTED");
        JsonNode request = first(entries, "request");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("path").asText()).isEqualTo(MEASURE);
        assertThat(request.path("responseCode").asText()).isEqualTo("2.04");
        assertThat(request.path("replyCode").asInt()).isEqualTo(200);
        assertThat(first(entries, "state").path("change").asText()).isEqualTo("ONLINE");
        assertThat(r.json().path("recorded").asLong()).isEqualTo(mock.journal().recorded());
        assertThat(r.raw().body()).doesNotContain("demo-device-secret-01")
                .doesNotContain(PskKeys.deriveHex("demo-device-secret-01"));
    }

    @Test
    void journalFiltersBySinceDeviceKindAndLimit() throws Exception {
        uplink();
        mock.faults().forgetSession(new DeviceId("demoProduct", "dev02"));
        Await.until(WAIT, () -> !mock.journal().faults().isEmpty(), () -> mock.journal().dump());
        long total = mock.journal().recorded();

        JsonNode all = call("GET", "/journal", null).json();
        long second = all.path("entries").get(1).path("sequence").asLong();
        JsonNode since = call("GET", "/journal?since=" + second, null).json();
        assertThat(since.path("entries").get(0).path("sequence").asLong()).isEqualTo(second + 1);
        assertThat(since.path("entries").size()).isEqualTo((int) (total - second));

        JsonNode dev02 = call("GET", "/journal?device=demoProduct/dev02", null).json().path("entries");
        assertThat(dev02).hasSize(1);
        assertThat(dev02.get(0).path("kind").asText()).isEqualTo("fault");
        assertThat(dev02.get(0).path("fault").asText()).isEqualTo("SESSION_FORGOTTEN");

        JsonNode kinds = call("GET", "/journal?kind=handshake,fault", null).json().path("entries");
        assertThat(kinds).extracting(n -> n.path("kind").asText()).containsOnly("handshake", "fault").contains("handshake", "fault");

        JsonNode limited = call("GET", "/journal?limit=1", null).json();
        assertThat(limited.path("entries")).hasSize(1);
        assertThat(limited.path("truncated").asBoolean()).isTrue();
        assertThat(limited.path("last").asLong()).isEqualTo(all.path("entries").get(0).path("sequence").asLong());
        JsonNode rest = call("GET", "/journal?since=" + limited.path("last").asLong(), null).json();
        assertThat(rest.path("truncated").asBoolean()).isFalse();
        assertThat(rest.path("entries").size() + 1).isEqualTo(all.path("entries").size());
    }

    @Test
    void journalRefusesUnknownParametersAndBadValuesByName() throws Exception {
        Reply unknown = call("GET", "/journal?devcie=demoProduct/dev01", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).contains("unknown query parameter 'devcie'", "device, kind, limit, since");
        assertThat(call("GET", "/journal?since=-1", null).error()).contains("'since' must be 0..");
        assertThat(call("GET", "/journal?limit=x", null).error()).contains("'limit' must be a whole number, was 'x'");
        assertThat(call("GET", "/journal?kind=exchange", null).error())
                .contains("kind 'exchange' is not a journal entry kind; one of: handshake, request, state, fault");
        assertThat(call("GET", "/journal?device=nodevice", null).error()).contains("'nodevice' is not a device");
    }

    private static JsonNode first(JsonNode entries, String kind) {
        for (JsonNode e : entries) {
            if (e.path("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " entry in " + entries);
    }

    // --- devices ---

    @Test
    void deviceListNamesEveryDeviceWithoutSecrets() throws Exception {
        Reply r = call("GET", "/devices", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("devices")).extracting(n -> n.path("device").asText())
                .containsExactlyInAnyOrderElementsOf(mock.registry().devices().stream().map(d -> d.id().toString()).toList());
        assertThat(r.json().path("devices").get(0).has("hasSecret")).isTrue();
        assertThat(r.raw().body()).doesNotContain("demo-device-secret", "demo-product-secret", "closed-device-secret",
                PskKeys.deriveHex("demo-device-secret-01"), "deviceSecret", "productSecret");
    }

    @Test
    void deviceStateShowsPresenceAndWhatItReported() throws Exception {
        uplink();

        Reply r = call("GET", "/devices/demoProduct/dev01", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("online").asBoolean()).isTrue();
        assertThat(r.json().path("lifetimeSeconds").asInt()).isEqualTo(60);
        assertThat(r.json().path("measurepoints").path("temp").path("value").asDouble()).isEqualTo(20.5);
        assertThat(r.json().path("uplinks").asInt()).isEqualTo(1);
        assertThat(r.raw().body()).doesNotContain("demo-device-secret-01");
    }

    @Test
    void deviceKeysWithASlashArePercentEncoded() throws Exception {
        mock.registry().register(new DeviceId("demoProduct", "rack/7"), "rack-secret-7", null);

        Reply r = call("GET", "/devices/demoProduct/rack%2F7", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("device").asText()).isEqualTo("demoProduct/rack/7");
    }

    @Test
    void unknownDeviceIs404NamingItAndTheRegistry() throws Exception {
        Reply r = call("GET", "/devices/demoProduct/ghost", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("demoProduct/ghost", "classpath:enos-fixtures/registry/demo.json");
    }

    // --- commands ---

    @Test
    void commandQueuedOverHttpIsFetchedAndAnsweredByTheDevice() throws Exception {
        Reply queued = call("POST", "/devices/demoProduct/dev01/commands",
                "{\"kind\":\"measurepoint.set\",\"params\":{\"switch\":1},\"timeoutSeconds\":60}");
        assertThat(queued.status()).isEqualTo(202);
        String id = queued.json().path("id").asText();
        assertThat(queued.raw().headers().firstValue("Location")).hasValue("/commands/" + id);
        String topic = queued.json().path("topic").asText();
        assertThat(topic).isEqualTo("/topic/sys/demoProduct/dev01/thing/service/measurepoint/set");
        assertThat(queued.json().path("status").asText()).isEqualTo("QUEUED");

        try (TestDevice device = TestDevice.of(mock, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            device.post(MEASURE, UPLINK);
            JsonNode body = JSON.readTree(device.get(topic).getPayload());
            assertThat(body.path("params").path("switch").asInt()).isEqualTo(1);
            device.post(topic + "_reply", "{\"id\":\"" + body.get("id").asText() + "\",\"code\":200,\"data\":{\"switch\":1}}");
        }

        JsonNode status = call("GET", "/commands/" + id, null).json();
        assertThat(status.path("status").asText()).isEqualTo("REPLIED");
        assertThat(status.path("reply").path("code").asInt()).isEqualTo(200);
        assertThat(status.path("reply").path("data").path("switch").asInt()).isEqualTo(1);
    }

    @Test
    void everyCommandKindGoesThroughItsFactory() throws Exception {
        Reply get = call("POST", "/devices/demoProduct/dev01/commands", "{\"kind\":\"measurepoint.get\",\"measurepoints\":[\"temp\"]}");
        Reply service = call("POST", "/devices/demoProduct/dev01/commands",
                "{\"kind\":\"service\",\"identifier\":\"reboot\",\"params\":{\"delay\":5}}");
        Reply raw = call("POST", "/devices/demoProduct/dev01/commands", "{\"kind\":\"down_raw\",\"base64\":\"AQID\"}");

        assertThat(List.of(get.status(), service.status(), raw.status())).containsOnly(202);
        assertThat(get.json().path("topic").asText()).endsWith("/thing/service/measurepoint/get");
        assertThat(service.json().path("topic").asText()).endsWith("/thing/service/reboot");
        assertThat(service.json().path("method").asText()).isEqualTo("thing.service.reboot");
        assertThat(raw.json().path("topic").asText()).endsWith("/thing/model/down_raw");
        List<CommandHandle> open = mock.commands().open(DEV01);
        assertThat(open).hasSize(3);
        assertThat(open.get(2).body()).containsExactly(1, 2, 3);
        assertThat(new String(open.get(1).body(), StandardCharsets.UTF_8)).contains("\"params\":{\"delay\":5}");
    }

    @Test
    void badCommandBodiesAreRefusedNamingTheField() throws Exception {
        String path = "/devices/demoProduct/dev01/commands";
        Reply unknownField = call("POST", path, "{\"kind\":\"measurepoint.set\",\"params\":{},\"timeout\":5}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("field").asText()).isEqualTo("timeout");
        assertThat(unknownField.error()).contains("unknown field 'timeout'", "kind, params, timeoutSeconds");

        Reply otherKindsField = call("POST", path, "{\"kind\":\"measurepoint.set\",\"params\":{},\"base64\":\"AQ==\"}");
        assertThat(otherKindsField.json().path("field").asText()).isEqualTo("base64");

        assertThat(call("POST", path, "{\"kind\":\"reboot\"}").error())
                .contains("'kind' is 'reboot'", "one of: measurepoint.set, measurepoint.get, service, down_raw");
        assertThat(call("POST", path, "{\"params\":{}}").error()).contains("needs field 'kind'");
        assertThat(call("POST", path, "{\"kind\":\"measurepoint.set\"}").error()).contains("needs \"params\"");
        assertThat(call("POST", path, "{\"kind\":\"measurepoint.get\",\"measurepoints\":\"temp\"}").json().path("field")
                .asText()).isEqualTo("measurepoints");
        assertThat(call("POST", path, "{\"kind\":\"service\",\"identifier\":\"a/b\"}").error())
                .contains("a service command needs an identifier without '/'");
        assertThat(call("POST", path, "{\"kind\":\"down_raw\",\"base64\":\"***\"}").error()).contains("is not base64");
        assertThat(call("POST", path, "{\"kind\":\"down_raw\",\"base64\":\"AQ==\",\"timeoutSeconds\":0}").error())
                .contains("command timeout must be positive");
        assertThat(call("POST", path, "{\"kind\":\"down_raw\",\"base64\":\"AQ==\",\"timeoutSeconds\":\"60\"}").status())
                .isEqualTo(400);
        assertThat(call("POST", path, "not json").error()).contains("is not JSON");
        assertThat(call("POST", path, "{\"kind\":\"down_raw\",\"base64\":\"AQ==\"} {}").status()).isEqualTo(400);
        assertThat(call("POST", path, null).error()).contains("needs a JSON body");
        assertThat(call("POST", "/devices/demoProduct/ghost/commands", "{\"kind\":\"down_raw\",\"base64\":\"AQ==\"}")
                .status()).isEqualTo(404);
        assertThat(mock.commands().open(DEV01)).isEmpty();
    }

    @Test
    void unknownCommandIs404() throws Exception {
        Reply r = call("GET", "/commands/999999", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("no command 999999");
    }

    // --- faults ---

    @Test
    void responseFaultScriptsTheAnswerOnAPath() throws Exception {
        Reply r = call("POST", "/faults/response", "{\"path\":\"" + MEASURE + "\",\"code\":\"5.00\",\"payload\":\"{}\",\"times\":1}");
        assertThat(r.status()).isEqualTo(200);

        try (TestDevice device = TestDevice.of(mock, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(device.post(MEASURE, UPLINK).getCode().toString()).isEqualTo("5.00");
            assertThat(device.post(MEASURE, UPLINK).getCode().toString()).isEqualTo("2.04");
        }
        assertThat(mock.journal().faults()).extracting(FaultEntry::kind).containsExactly(FaultEntry.Kind.RESPONSE_OVERRIDDEN);
        assertThat(call("POST", "/faults/response", "{\"path\":\"" + MEASURE + "\",\"code\":\"9.99\"}").error())
                .contains("response code must look like 2.05 or 5.00");
        assertThat(call("POST", "/faults/response", "{\"code\":\"5.00\"}").error()).contains("\"path\" is required");
    }

    @Test
    void deviceFaultsReachTheFaultsApi() throws Exception {
        assertThat(call("POST", "/faults/refuse-handshakes", "{\"device\":\"demoProduct/dev01\"}").json().path("count")
                .asInt()).isEqualTo(1);
        try (TestDevice device = TestDevice.of(mock, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(device.post(MEASURE, UPLINK)).isNull();
        }
        assertThat(mock.journal().handshakes(DEV01)).extracting(h -> h.reason()).contains(RefusalReason.FAULT_INJECTED);

        assertThat(call("POST", "/faults/drop-requests", "{\"device\":\"demoProduct/dev01\",\"count\":2}").status())
                .isEqualTo(200);
        assertThat(mock.faults().dropsPending()).isTrue();
        assertThat(call("POST", "/faults/forget-session", "{\"device\":\"demoProduct/dev01\"}").status()).isEqualTo(200);
        assertThat(mock.journal().faults()).extracting(FaultEntry::kind).contains(FaultEntry.Kind.HANDSHAKE_REFUSED,
                FaultEntry.Kind.SESSION_FORGOTTEN);

        Reply cleared = call("DELETE", "/faults", null);
        assertThat(cleared.status()).isEqualTo(204);
        assertThat(mock.faults().dropsPending()).isFalse();
    }

    @Test
    void badFaultBodiesAreRefused() throws Exception {
        assertThat(call("POST", "/faults/drop-requests", "{\"device\":\"demoProduct/dev01\",\"count\":0}").error())
                .contains("\"count\" must be at least 1");
        assertThat(call("POST", "/faults/drop-requests", "{\"count\":1}").error()).contains("\"device\" is required");
        assertThat(call("POST", "/faults/drop-requests", "{\"device\":\"demoProduct/ghost\"}").status()).isEqualTo(404);
        assertThat(call("POST", "/faults/forget-session", "{\"device\":\"demoProduct/dev01\",\"count\":1}")
                .json().path("field").asText()).isEqualTo("count");
        assertThat(call("POST", "/faults/refuse-handshakes", "{\"device\":\"demoProduct/dev01\",\"count\":1.5}").status())
                .isEqualTo(400);
    }

    // --- reset, forwarding ---

    @Test
    void resetEmptiesJournalDataFaultsAndCommands() throws Exception {
        uplink();
        call("POST", "/faults/drop-requests", "{\"device\":\"demoProduct/dev01\"}");
        String id = call("POST", "/devices/demoProduct/dev01/commands", "{\"kind\":\"down_raw\",\"base64\":\"AQ==\"}")
                .json().path("id").asText();
        CommandHandle handle = mock.commands().open(DEV01).get(0);
        long recorded = mock.journal().recorded();

        Reply r = call("POST", "/reset", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(mock.journal().entries()).isEmpty();
        assertThat(call("GET", "/journal", null).json().path("recorded").asLong()).isEqualTo(recorded);
        assertThat(mock.deviceData(DEV01).measurePoints()).isEmpty();
        assertThat(mock.faults().dropsPending()).isFalse();
        assertThat(mock.commands().open(DEV01)).isEmpty();
        assertThatThrownBy(() -> handle.awaitReply(WAIT)).isInstanceOf(CommandExpiredException.class);
        assertThat(call("GET", "/commands/" + id, null).status()).isEqualTo(404);
        assertThat(call("POST", "/reset", "{}").error()).contains("takes no body");
    }

    @Test
    void forwardingListsTargets() throws Exception {
        Reply r = call("GET", "/forwarding", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("targets").isArray()).isTrue();
    }

    // --- protocol refusals ---

    @Test
    void unknownPathIs404ListingTheRoutes() throws Exception {
        Reply r = call("GET", "/nope", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("routes")).extracting(JsonNode::asText).contains("GET /journal", "POST /reset",
                "GET /openapi.json");
        assertThat(call("GET", "/", null).json().path("routes").size()).isEqualTo(admin.routes().size());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        Reply r = call("DELETE", "/journal", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.raw().headers().firstValue("Allow")).hasValue("GET");
        Reply post = call("POST", "/devices/demoProduct/dev01", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.raw().headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void bodyOfAnotherTypeIs415() throws Exception {
        Reply r = call("POST", "/faults/forget-session", "{\"device\":\"demoProduct/dev01\"}", "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.error()).contains("application/json", "'text/plain'");
        assertThat(mock.journal().faults()).isEmpty();
        assertThat(call("POST", "/faults/forget-session", "{\"device\":\"demoProduct/dev01\"}", "Content-Type",
                "application/json; charset=UTF-8").status()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIs413WithoutBeingRead() throws Exception {
        String big = "{\"device\":\"" + "x".repeat(AdminServer.DEFAULT_MAX_BODY_BYTES) + "\"}";
        Reply r = call("POST", "/faults/forget-session", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("limit").asInt()).isEqualTo(AdminServer.DEFAULT_MAX_BODY_BYTES);

        // Twenty clients announce 19 MB each and send nothing: each is answered at once, nothing is read.
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> raw("POST /devices/demoProduct/dev01/commands HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 19000000\r\n\r\n{", WAIT)));
            }
            for (Future<String> a : answers) {
                assertThat(a.get(20, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 413");
            }
        } finally {
            pool.shutdownNow();
        }
        // A chunked body is cut at the limit.
        String chunked = "POST /faults/forget-session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + ("4000\r\n" + "x".repeat(0x4000) + "\r\n").repeat(5) + "0\r\n\r\n";
        assertThat(raw(chunked, WAIT)).isEqualTo("HTTP/1.1 413");
    }

    @Test
    void oneSlowClientDoesNotHoldUpTheOthers() throws Exception {
        try (Socket slow = new Socket(admin.address().getAddress(), admin.address().getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write('G');
            out.flush();
            for (int i = 0; i < 3; i++) {
                assertThat(call("GET", "/health", null).status()).isEqualTo(200);
            }
            // The JDK server closes a request that has not arrived within sun.net.httpserver.maxReqTime.
            long maxReqSeconds = Long.getLong("sun.net.httpserver.maxReqTime", AdminServer.MAX_REQUEST_SECONDS);
            slow.setSoTimeout((int) ((maxReqSeconds + 5) * 1000));
            InputStream in = slow.getInputStream();
            assertThat(in.read()).as("the server closes the slow connection").isEqualTo(-1);
        }
    }

    @Test
    void foreignHostIsRefusedAgainstDnsRebinding() throws Exception {
        String rebound = get(admin, "/devices", "attacker.example:" + admin.address().getPort());
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("Host 'attacker.example:", "DNS rebinding")
                .doesNotContain("demoProduct");
        assertThat(get(admin, "/health", "localhost")).startsWith("HTTP/1.1 200");
        assertThat(get(admin, "/health", "[::1]:80")).startsWith("HTTP/1.1 200");
        assertThat(get(admin, "/health", "10.1.2.3:8684")).startsWith("HTTP/1.1 200");
        assertThat(get(admin, "/health", "evil.localhost.example")).startsWith("HTTP/1.1 403");
        assertThat(get(admin, "/health", "[attacker.example]:80")).startsWith("HTTP/1.1 403");

        try (AdminServer named = AdminServer.builder().allowHost("enos-mock").start(mock)) {
            assertThat(get(named, "/health", "enos-mock:8684")).startsWith("HTTP/1.1 200");
            assertThat(get(named, "/health", "other:8684")).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void crossOriginPostsAreRefused() throws Exception {
        Reply form = call("POST", "/faults/forget-session", "{\"device\":\"demoProduct/dev01\"}", "Content-Type",
                "text/plain", "Origin", "http://attacker.example");
        assertThat(form.status()).isEqualTo(403);
        Reply json = call("POST", "/reset", null, "Origin", "http://attacker.example");
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.error()).contains("cross-origin request refused: Origin 'http://attacker.example'");
        assertThat(mock.journal().faults()).isEmpty();

        String self = "http://127.0.0.1:" + admin.address().getPort();
        assertThat(call("POST", "/reset", null, "Origin", self).status()).isEqualTo(200);
    }

    @Test
    void aTokenGuardsEveryRouteButTheProbes() throws Exception {
        String token = "s3cret-token-0123456789";
        try (AdminServer guarded = AdminServer.builder().token(token).start(mock)) {
            Reply none = call(guarded, "GET", "/journal", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(call(guarded, "GET", "/journal", null, "Authorization", "Bearer wrong-token-0123456789").status())
                    .isEqualTo(401);
            assertThat(call(guarded, "GET", "/nope", null).status()).as("no route list without the token").isEqualTo(401);
            assertThat(call(guarded, "GET", "/journal", null, "Authorization", "Bearer " + token).status()).isEqualTo(200);
            assertThat(call(guarded, "GET", "/health", null).status()).isEqualTo(200);
            assertThat(call(guarded, "GET", "/ready", null).status()).isEqualTo(200);
            assertThat(guarded.hasToken()).isTrue();
        }
        assertThatThrownBy(() -> AdminServer.builder().token("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16");
    }

    // --- extension, OpenAPI, lifecycle ---

    @Test
    void mountedRoutesAnswerAndAreDescribed() throws Exception {
        AdminRoute page = AdminRoute.get("/observe", "A live page", r -> AdminResponse.html("<h1>live</h1>"));
        AdminRoute item = AdminRoute.post("/observe/{id}", "Mark an item",
                r -> AdminResponse.json(Map.of("id", r.pathParameter("id"), "note", r.body(Note.class).note())));
        try (AdminServer extended = AdminServer.builder().route(page).route(item).start(mock)) {
            Reply html = call(extended, "GET", "/observe", null);
            assertThat(html.status()).isEqualTo(200);
            assertThat(html.raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(html.raw().body()).isEqualTo("<h1>live</h1>");
            JsonNode marked = call(extended, "POST", "/observe/42", "{\"note\":\"seen\"}").json();
            assertThat(marked.path("id").asText()).isEqualTo("42");
            assertThat(marked.path("note").asText()).isEqualTo("seen");
            assertThat(call(extended, "POST", "/observe/42", "{\"note\":\"seen\",\"x\":1}").json().path("field").asText())
                    .isEqualTo("x");
            JsonNode doc = call(extended, "GET", "/openapi.json", null).json();
            assertThat(doc.path("paths").path("/observe").path("get").path("summary").asText()).isEqualTo("A live page");
            assertThat(doc.path("paths").path("/observe/{id}").path("post").path("parameters").get(0).path("name").asText())
                    .isEqualTo("id");
        }
        assertThatThrownBy(() -> AdminServer.builder()
                .route(AdminRoute.get("/journal", "again", r -> AdminResponse.noContent())).start(mock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clashes with GET /journal");
    }

    /** A body of the mounted test route. */
    record Note(String note) {
    }

    @Test
    void theOpenApiDocumentDescribesEveryBuiltInRouteAndNoOther() throws Exception {
        JsonNode written = OpenApi.written(JSON);
        JsonNode served = call("GET", "/openapi.json", null).json();

        for (AdminRoute route : admin.routes()) {
            assertThat(OpenApi.describes(written, route)).as("openapi.json describes " + route).isTrue();
            assertThat(OpenApi.describes(served, route)).as("served document describes " + route).isTrue();
        }
        List<String> documented = new ArrayList<>();
        written.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(admin.routes().stream().map(AdminRoute::toString).toList());
        assertThat(served.path("openapi").asText()).startsWith("3.");
    }

    @Test
    void closeStopsListeningAndEndsItsThreads() throws Exception {
        AdminServer second = AdminServer.builder().start(mock);
        assertThat(call(second, "GET", "/health", null).status()).isEqualTo(200);
        int port = second.address().getPort();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .anyMatch(n -> n.startsWith(AdminServer.THREAD_PREFIX + port + "-"));

        second.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        String prefix = AdminServer.THREAD_PREFIX + port + "-";
        Await.until(WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()),
                () -> "admin threads still alive: " + Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName).filter(n -> n.startsWith(prefix)).toList());
    }

    @Nested
    class Guard {
        @Test
        void boundBeyondLoopbackWithoutATokenOnlyTheProbesAnswer() {
            AccessGuard locked = new AccessGuard(null, false, java.util.Set.of(), "0.0.0.0:8684");
            assertThat(locked.locked()).isTrue();
            assertThat(locked.checkToken(java.util.Optional.of("Bearer anything"))).hasValueSatisfying(e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).contains("0.0.0.0:8684 without a token", "--admin-token", "ENOS_ADMIN_TOKEN");
            });
            AccessGuard loopback = new AccessGuard(null, true, java.util.Set.of(), "127.0.0.1:8684");
            assertThat(loopback.checkToken(java.util.Optional.empty())).isEmpty();
        }

        @Test
        void hostHeadersAreReadAsBrowsersSendThem() {
            assertThat(AccessGuard.hostOf("[::1]:8684")).isEqualTo("[::1]");
            assertThat(AccessGuard.hostOf("LocalHost:80")).isEqualTo("localhost");
            assertThat(AccessGuard.hostOf("enos-mock")).isEqualTo("enos-mock");
            AccessGuard any = new AccessGuard(null, true, java.util.Set.of("*"), "127.0.0.1:1");
            assertThat(any.checkHost(java.util.Optional.of("anything.example"))).isEmpty();
        }
    }
}
