package dev.enoscoap.mock.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Duration;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted faults over real UDP, each recorded in the journal. */
class FaultsEndToEndTest {
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");
    private static final String UPLINK = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";
    private static final String BODY = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"t\":1}}}";

    private EnosMockServer server;

    @BeforeEach
    void start() {
        server = EnosMockServer.builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void scriptedResponseReplacesCodeAndPayloadOnceThenTheRealAnswerReturns() {
        server.faults().overrideResponse(UPLINK, ResponseOverride.json("5.00", "{\"code\":500}"));
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            CoapResponse scripted = d.post(UPLINK, BODY);
            CoapResponse real = d.post(UPLINK, BODY);
            assertThat(scripted.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(scripted.getResponseText()).isEqualTo("{\"code\":500}");
            assertThat(real.getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(server.journal().faults()).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FaultEntry.Kind.RESPONSE_OVERRIDDEN));
        assertThat(server.journal().exchanges().get(0).note()).contains("scripted response");
        assertThat(server.journal().exchanges().get(0).responseCode()).isEqualTo("5.00");
    }

    @Test
    void delayedResponseArrivesLate() {
        server.faults().overrideResponse(UPLINK, ResponseOverride.delay(Duration.ofMillis(700)));
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            d.get("/warm-up");
            long start = System.nanoTime();
            CoapResponse r = d.post(UPLINK, BODY);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(tookMs).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void droppedRequestIsAnsweredAfterTheClientRetransmits() {
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            d.get("/warm-up");
            server.faults().dropNextRequests(DEV01, 1);
            CoapResponse r = d.post(UPLINK, BODY);
            assertThat(r).as("answered after a retransmission").isNotNull();
            assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(server.journal().faults()).extracting(FaultEntry::kind).containsExactly(FaultEntry.Kind.REQUEST_DROPPED);
        // The dropped transmission and the answered retransmission share one Message ID.
        ExchangeEntry answered = server.journal().exchanges().get(1);
        FaultEntry.Request dropped = server.journal().faults().get(0).request();
        assertThat(dropped).isEqualTo(new FaultEntry.Request("POST", UPLINK, answered.messageId(), answered.token()));
        assertThat(server.journal().faults().get(0).describe()).contains("POST " + UPLINK + " mid=" + answered.messageId());
    }

    @Test
    void refusedHandshakeStaysRefusedForThatAttemptAndTheNextOneSucceeds() {
        server.faults().refuseNextHandshake(DEV01);
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            d.fire("/x");
            Await.until(Duration.ofSeconds(10), () -> !server.journal().handshakes().isEmpty(), server.journal()::dump);
        }
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(d.get("/x")).isNotNull();
        }
        assertThat(server.journal().handshakes()).extracting(HandshakeEntry::reason)
                .containsExactly(RefusalReason.FAULT_INJECTED, null);
        assertThat(server.journal().faults()).extracting(FaultEntry::kind).containsExactly(FaultEntry.Kind.HANDSHAKE_REFUSED);
    }

    @Test
    void forgottenSessionForcesANewHandshake() {
        try (TestDevice d = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            assertThat(d.get("/one")).isNotNull();
            server.faults().forgetSession(DEV01);
            d.forgetSession();
            assertThat(d.get("/two")).isNotNull();
        }
        assertThat(server.journal().handshakes()).hasSize(2).allSatisfy(h -> {
            assertThat(h.accepted()).isTrue();
            assertThat(h.resumed()).as("a forgotten session cannot be resumed").isFalse();
        });
        assertThat(server.journal().faults()).extracting(FaultEntry::kind).containsExactly(FaultEntry.Kind.SESSION_FORGOTTEN);
    }
}
