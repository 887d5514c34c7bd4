package dev.enoscoap.mock.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EC-14 with WireMock as the business server. */
class ForwardingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");
    private static final String UPLINK = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";

    private WireMockServer business;
    private EnosMockServer server;

    @BeforeEach
    void startBusinessServer() {
        business = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        business.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        business.stop();
    }

    private static String body(int i) {
        return "{\"id\":\"" + i + "\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":{\"n\":" + i + "}}}";
    }

    private List<JsonNode> envelopes() {
        List<JsonNode> list = new ArrayList<>();
        for (LoggedRequest r : business.findAll(postRequestedFor(urlEqualTo("/hook")))) {
            try {
                list.add(JSON.readTree(r.getBodyAsString()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return list;
    }

    @Test
    void businessServerReceivesUplinksStateChangesActivationsAndCommandReplies() {
        business.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        server = EnosMockServer.builder().forwardTo(URI.create(business.baseUrl() + "/hook")).start();

        try (TestDevice d3 = TestDevice.of(server, "demoProduct,dev03,3,60", "demo-product-secret")) {
            d3.get("/topic/ext/session/demoProduct/dev03/thing/activate/info");
        }
        CommandHandle command = server.commands().send(DEV01, Command.setMeasurePoints(Map.of("s", 1)));
        try (TestDevice d1 = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            d1.post(UPLINK, body(1));
            d1.get(command.path());
            d1.post(command.path() + "_reply", "{\"id\":\"" + command.id() + "\",\"code\":200,\"data\":{}}");
        }
        Await.until(WAIT, () -> envelopes().stream().anyMatch(e -> e.get("type").asText().equals("command_reply")),
                () -> envelopes().toString());

        List<JsonNode> all = envelopes();
        assertThat(all).extracting(e -> e.get("type").asText())
                .containsSubsequence("online", "activation", "online", "uplink", "command_reply");
        JsonNode uplink = all.stream().filter(e -> e.get("type").asText().equals("uplink")).findFirst().orElseThrow();
        assertThat(uplink.get("productKey").asText()).isEqualTo("demoProduct");
        assertThat(uplink.get("deviceKey").asText()).isEqualTo("dev01");
        assertThat(uplink.get("assetId").asText()).isEqualTo("asset-dev01");
        assertThat(uplink.get("topic").asText()).isEqualTo("/sys/demoProduct/dev01/thing/measurepoint/post");
        assertThat(uplink.get("method").asText()).isEqualTo("thing.measurepoint.post");
        assertThat(uplink.get("payload").get("params").get("measurepoints").get("n").intValue()).isEqualTo(1);
        assertThat(uplink.get("receivedAt").asText()).isNotEmpty();
        JsonNode activation = all.stream().filter(e -> e.get("type").asText().equals("activation")).findFirst().orElseThrow();
        assertThat(activation.get("deviceKey").asText()).isEqualTo("dev03");
        assertThat(activation.get("assetId").isNull()).isFalse();
        JsonNode reply = all.stream().filter(e -> e.get("type").asText().equals("command_reply")).findFirst().orElseThrow();
        assertThat(reply.get("topic").asText()).isEqualTo("/sys/demoProduct/dev01/thing/service/measurepoint/set_reply");
        assertThat(reply.get("payload").get("code").intValue()).isEqualTo(200);
        business.verify(postRequestedFor(urlEqualTo("/hook")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.sequence")));
    }

    @Test
    void twoFailuresThenSuccessDeliversEachEnvelopeOnceAndInOrder() {
        business.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        business.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        business.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        server = EnosMockServer.builder().forwardTo(URI.create(business.baseUrl() + "/hook"))
                .forwarding(ForwardingOptions.defaults().withRetries(5, Duration.ofMillis(20), Duration.ofMillis(100)))
                .start();

        try (TestDevice d1 = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            for (int i = 1; i <= 5; i++) {
                assertThat(d1.post(UPLINK, body(i)).getCode()).isEqualTo(ResponseCode.CHANGED);
            }
        }
        Await.until(WAIT, () -> server.forwarding().get(0).delivered() == 6, () -> server.forwarding().toString());

        // Two 500s for the first envelope, then each envelope exactly once, in the order sent.
        List<JsonNode> received = envelopes();
        assertThat(received).hasSize(8);
        List<JsonNode> delivered = received.subList(2, received.size());
        assertThat(delivered).extracting(e -> e.get("type").asText())
                .containsExactly("online", "uplink", "uplink", "uplink", "uplink", "uplink");
        assertThat(delivered.subList(1, 6)).extracting(e -> e.get("payload").get("id").asText())
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(delivered).extracting(e -> e.get("sequence").longValue()).isSorted().doesNotHaveDuplicates();
        ForwardingStats stats = server.forwarding().get(0);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void downBusinessServerDropsAndCountsWithoutSlowingTheCoapPath() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        server = EnosMockServer.builder().forwardTo(URI.create("http://127.0.0.1:" + closedPort + "/hook"))
                .forwarding(new ForwardingOptions(3, 2, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1)))
                .start();

        try (TestDevice d1 = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            for (int i = 1; i <= 20; i++) {
                CoapResponse r = d1.post(UPLINK, body(i));
                assertThat(r).as("uplink %d answered although forwarding fails", i).isNotNull();
                assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
            }
        }
        // 21 envelopes (online + 20 uplinks) into a queue of 3 behind a worker stuck in retries.
        Await.until(WAIT, () -> server.forwarding().get(0).queued() == 0, () -> server.forwarding().toString());
        ForwardingStats stats = server.forwarding().get(0);
        assertThat(stats.delivered()).isZero();
        assertThat(stats.droppedQueueFull()).isPositive();
        assertThat(stats.droppedQueueFull() + stats.droppedAfterRetries()).isEqualTo(21);
        assertThat(stats.lastError()).contains("ConnectException");
    }
}
