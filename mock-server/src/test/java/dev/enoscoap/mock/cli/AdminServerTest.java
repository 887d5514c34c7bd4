package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone server's admin endpoint: a command round trip driven over HTTP. */
class AdminServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EnosMockServer mock;
    private AdminServer admin;
    private String base;

    @BeforeEach
    void start() throws Exception {
        mock = EnosMockServer.builder().start();
        admin = new AdminServer(mock, new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + admin.address().getPort();
    }

    @AfterEach
    void stop() {
        admin.close();
        mock.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void commandQueuedOverHttpIsFetchedAndAnsweredByTheDevice() throws Exception {
        HttpResponse<String> queued = call("POST", "/devices/demoProduct/dev01/commands",
                "{\"kind\":\"measurepoint.set\",\"params\":{\"switch\":1},\"timeoutSeconds\":60}");
        assertThat(queued.statusCode()).isEqualTo(202);
        JsonNode command = JSON.readTree(queued.body());
        String topic = command.get("topic").asText();
        assertThat(topic).isEqualTo("/topic/sys/demoProduct/dev01/thing/service/measurepoint/set");

        try (TestDevice device = TestDevice.of(mock, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            device.post("/topic/sys/demoProduct/dev01/thing/measurepoint/post", "{\"id\":\"1\",\"version\":\"1.0\","
                    + "\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"temp\":20.5}}}");
            CoapResponse fetched = device.get(topic);
            JsonNode body = JSON.readTree(fetched.getPayload());
            device.post(topic + "_reply", "{\"id\":\"" + body.get("id").asText() + "\",\"code\":200,\"data\":{\"switch\":1}}");
        }

        JsonNode status = JSON.readTree(call("GET", "/commands/" + command.get("id").asText(), null).body());
        assertThat(status.get("status").asText()).isEqualTo("REPLIED");
        assertThat(status.get("reply").get("code").intValue()).isEqualTo(200);
        JsonNode device = JSON.readTree(call("GET", "/devices/demoProduct/dev01", null).body());
        assertThat(device.get("online").booleanValue()).isTrue();
        assertThat(device.get("measurepoints").get("temp").get("value").doubleValue()).isEqualTo(20.5);
        assertThat(call("GET", "/journal", null).body()).contains("request POST /topic/sys/demoProduct/dev01/thing/measurepoint/post");
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        HttpResponse<String> badKind = call("POST", "/devices/demoProduct/dev01/commands", "{\"kind\":\"reboot\"}");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("\\\"kind\\\" must be one of");
        HttpResponse<String> unknown = call("POST", "/devices/demoProduct/ghost/commands", "{\"kind\":\"down_raw\",\"base64\":\"AQ==\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("demoProduct/ghost");
        assertThat(call("GET", "/nope", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/devices/demoProduct/dev01/commands", "not json").statusCode()).isEqualTo(400);
    }
}
