package dev.enoscoap.mock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire hooks over real UDP: every transmission and record seen, transmissions of one request dropped. */
class WireTapTest {
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");
    private static final String UPLINK = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";
    private static final String BODY = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"t\":1}}}";

    private EnosMockServer server;
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ReceivedRecord> records = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = EnosMockServer.builder().start();
        server.wire().onRequest(requests::add);
        server.wire().onRecord(records::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDroppedTransmissionAndItsRetransmissionAreBothSeenWithTheirTimes() {
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(d.get("/warm-up")).isNotNull();
            requests.clear();
            server.faults().dropTransmissions(DEV01, 1);
            CoapResponse r = d.post(UPLINK, BODY);
            assertThat(r).as("the retransmission is answered").isNotNull();
        }
        List<ReceivedRequest> posts = requests.stream().filter(t -> t.path().equals(UPLINK)).toList();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).dropped()).isTrue();
        assertThat(posts.get(1).dropped()).isFalse();
        assertThat(posts.get(1).messageId()).isEqualTo(posts.get(0).messageId());
        assertThat(posts.get(1).token()).isEqualTo(posts.get(0).token());
        assertThat(posts.get(1).payloadHash()).isEqualTo(posts.get(0).payloadHash());
        assertThat(posts.get(0).device()).isEqualTo(DEV01);
        Duration gap = Duration.between(posts.get(0).time(), posts.get(1).time());
        assertThat(gap).as("Californium's first retransmission, ACK_TIMEOUT 2 s to 3 s")
                .isBetween(Duration.ofMillis(1_900), Duration.ofMillis(3_900));
        assertThat(server.journal().faults()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultEntry.Kind.REQUEST_DROPPED);
            assertThat(f.request()).isEqualTo(new FaultEntry.Request("POST", UPLINK, posts.get(0).messageId(),
                    posts.get(0).token()));
            assertThat(f.detail()).contains("transmission 1 of 1");
            assertThat(f.describe()).contains("mid=" + posts.get(0).messageId(), "transmission 1 of 1");
        });
        assertThat(server.journal().exchanges(DEV01)).filteredOn(e -> e.path().equals(UPLINK)).hasSize(1);
    }

    @Test
    void onlyTheFirstConfirmableRequestAndItsOwnRetransmissionsAreDropped() {
        server.faults().dropTransmissions(DEV01, 1);
        try (TestDevice other = TestDevice.of(server, "demoProduct,dev02,2,60", "demo-device-secret-02")) {
            assertThat(other.post("/topic/sys/demoProduct/dev02/thing/measurepoint/post", BODY.replace("dev01", "dev02")))
                    .as("another device is not touched").isNotNull();
        }
        assertThat(server.faults().dropsPending()).isTrue();
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(d.post(UPLINK, BODY)).isNotNull();
            assertThat(d.post(UPLINK, BODY)).as("the next request goes through at once").isNotNull();
        }
        assertThat(server.faults().dropsPending()).isFalse();
        assertThat(requests.stream().filter(ReceivedRequest::dropped)).hasSize(1);
    }

    @Test
    void recordsSentIntoAForgottenSessionAreSeen() {
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(d.get("/warm-up")).isNotNull();
            assertThat(records).as("the handshake's ClientHello, in the clear").anyMatch(ReceivedRecord::clearHandshake);
            server.faults().forgetSession(DEV01);
            records.clear();
            d.fire(UPLINK);
            Await.until(Duration.ofSeconds(5), () -> records.stream().anyMatch(ReceivedRecord::applicationData),
                    records::toString);
            assertThat(records).filteredOn(ReceivedRecord::applicationData)
                    .allSatisfy(r -> assertThat(r.peer()).isEqualTo(d.localAddress()));
        }
    }

    @Test
    void aDeviceIsReservedByOneHolderAtATime() throws Exception {
        AutoCloseable first = server.faults().reserve(DEV01, "observation session 1");
        assertThatThrownBy(() -> server.faults().reserve(DEV01, "observation session 2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demoProduct/dev01").hasMessageContaining("observation session 1");
        first.close();
        assertThat(server.faults().reservedBy(DEV01)).isEmpty();
        server.faults().reserve(DEV01, "observation session 2").close();
    }
}
