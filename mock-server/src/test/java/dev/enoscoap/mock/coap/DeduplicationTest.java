package dev.enoscoap.mock.coap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.ExchangeEntry;
import java.util.List;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retransmissions of answered requests are answered from the deduplication cache, within the
 * bounds the server is given.
 */
class DeduplicationTest {
    private static final String PATH = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";
    private static final String BODY = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"temp\":1}}}";

    private EnosMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = EnosMockServer.Deduplicator.class, names = {"PEERS", "MARK_AND_SWEEP", "CROP_ROTATION"})
    void aRetransmissionIsAnsweredFromTheCacheAndHandledOnce(EnosMockServer.Deduplicator deduplicator) {
        server = EnosMockServer.builder().deduplicator(deduplicator).start();
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(post(device, 4_000, 1).getCode()).isEqualTo(ResponseCode.CHANGED);
            CoapResponse again = post(device, 4_000, 1);

            assertThat(again.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(exchangesWithToken(1)).as("handled once, the repeat answered from the cache").hasSize(1);
        }
    }

    @Test
    void withDeduplicationOffARetransmissionIsHandledAgain() {
        server = EnosMockServer.builder().deduplicator(EnosMockServer.Deduplicator.OFF).start();
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            post(device, 4_000, 1);
            post(device, 4_000, 1);
            assertThat(exchangesWithToken(1)).hasSize(2);
        }
    }

    @Test
    void peersKeepsTheLatestRequestsOfAClientOnly() {
        server = EnosMockServer.builder().deduplicationPerPeer(4).start();
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            post(device, 5_000, 1);
            for (int i = 2; i <= 5; i++) {
                post(device, 5_000 + i, i);
            }
            // The 4 latest are still known: the newest is a duplicate.
            post(device, 5_005, 5);
            assertThat(exchangesWithToken(5)).hasSize(1);
            // The first fell out of the 4 kept for this client: it is handled as new.
            post(device, 5_000, 1);
            assertThat(exchangesWithToken(1)).hasSize(2);
        }
    }

    /** A confirmable POST with a fixed Message ID and token, as a retransmission repeats them. */
    private static CoapResponse post(TestDevice device, int mid, int token) {
        Request request = Request.newPost();
        request.setMID(mid);
        request.setToken(new Token(new byte[] {0x7E, (byte) token}));
        CoapResponse response = device.send(request, PATH, BODY);
        assertThat(response).as("answer to mid %d", mid).isNotNull();
        return response;
    }

    private List<ExchangeEntry> exchangesWithToken(int token) {
        String hex = String.format("7e%02x", token);
        return server.journal().exchanges().stream().filter(e -> e.token().equalsIgnoreCase(hex)).toList();
    }
}
