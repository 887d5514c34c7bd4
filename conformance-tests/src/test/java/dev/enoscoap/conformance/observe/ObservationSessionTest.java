package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.conformance.device.DeviceBehaviour;
import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.session.VirtualClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Java API: bad input refused before anything runs, one session per device, a flood judged while others are served. */
@EnosCoapServer
class ObservationSessionTest {
    private static final DeviceId DEV01 = DeviceId.parse("demoProduct/dev01");
    private static final DeviceId DEV02 = DeviceId.parse("demoProduct/dev02");
    private static final ObservationPlan CONNECT = ObservationPlan.defaultPlan()
            .only(Set.of("ENOS-BASE-01", "ENOS-COAP-01", "ENOS-COAP-02", "ENOS-UP-01"))
            .withStageTimeouts(Duration.ofSeconds(30));

    @Test
    void aDeviceNotInTheRegistryIsRefusedNamingItAndTheRegistry(EnosTestServer server) {
        assertThatThrownBy(() -> server.observe().device("demoProduct/nope").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device 'demoProduct/nope' is not in registry classpath:enos-fixtures/registry/demo.json")
                .hasMessageContaining("(EC-4)").hasMessageContaining("demoProduct/dev01");
        assertThatThrownBy(() -> server.observe().product("noProduct").start())
                .hasMessageContaining("product 'noProduct' is not in registry");
        assertThatThrownBy(() -> server.observe().device(DEV01).device(DEV01).start())
                .hasMessageContaining("device 'demoProduct/dev01' is given twice");
        assertThatThrownBy(() -> server.observe().start()).hasMessageContaining("no device to judge");
    }

    @Test
    void aSecondSessionForADeviceBeingJudgedIsRefused(EnosTestServer server) {
        try (ObservationSession first = server.observe().device(DEV02).plan(CONNECT).start()) {
            assertThatThrownBy(() -> server.observe().device(DEV02).plan(CONNECT).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("device demoProduct/dev02 is already reserved by an observation session started at");
            assertThat(first.finished()).isFalse();
        }
        server.observe().device(DEV02).plan(CONNECT).start().close();
    }

    @Test
    void aMockOnAVirtualClockIsRefused() {
        try (EnosMockServer mock = EnosMockServer.builder().clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")))
                .start()) {
            assertThatThrownBy(() -> ObservationSession.builder().server(mock).device(DEV01).start())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("virtual clock");
        }
    }

    @Test
    void aDeviceThatNeverComesIsInconclusiveSayingWhatItDidNotDo() {
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device(DEV01)
                     .plan(CONNECT.withStageTimeouts(Duration.ofSeconds(2))).start()) {
            assertThat(session.results()).as("no results before the verdicts").isEmpty();
            assertThat(session.deadline()).isAfter(java.time.Instant.now());
            ObservationResults results = session.awaitVerdicts(Duration.ofSeconds(30));
            assertThat(session.finished()).isTrue();
            assertThat(session.results()).containsSame(results);
            assertThat(session.eventsNotJudged()).as("events of a device that never came").isZero();
            ConformanceReport r = results.report();
            assertThat(r.purpose("ENOS-BASE-01").orElseThrow().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(r.purpose("ENOS-BASE-01").orElseThrow().headline()).contains(
                    "the device did not get a SecureMode 2 handshake and a measure point upload accepted within 2 s");
            assertThat(r.purpose("ENOS-KEY-01").orElseThrow().prerequisite()).isEqualTo("ENOS-ID-01");
            assertThat(r.purpose("ENOS-ROB-01").orElseThrow().verdict()).isEqualTo(Verdict.NOT_RUN);
            assertThat(r.purposes()).allSatisfy(p -> assertThat(p.judgedBy()).isEqualTo(JudgedBy.OBSERVATION));
            assertThat(r.gatePassed()).isFalse();
        }
    }

    /**
     * dev02 floods the mock with NON requests and garbage datagrams while dev01, a conformant device,
     * is judged beside it and dev04, outside the session, activates and reports: dev02 is judged (it fails what it
     * breaks), dev01 passes, the mock answers everyone.
     */
    @Test
    void aFloodingDeviceIsJudgedAndTheMockKeepsServingTheOthers(EnosTestServer server) throws Exception {
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger garbage = new AtomicInteger();
        try (ObservationSession session = server.observe().device(DEV01).device(DEV02).plan(CONNECT).start();
             ReferenceDevice good = ReferenceDevice.builder().server(server.coapsUri()).device(DEV01)
                     .deviceSecret("demo-device-secret-01").start();
             ReferenceDevice flood = ReferenceDevice.builder().server(server.coapsUri()).device(DEV02)
                     .deviceSecret("demo-device-secret-02").interval(Duration.ZERO)
                     .behaviour(DeviceBehaviour.conformant().toBuilder().name("flood").confirmable(false)
                             .requestTimeout(Duration.ofMillis(200)).build()).start();
             DatagramSocket junk = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread noise = new Thread(() -> {
                byte[] bytes = new byte[64];
                while (flooding.get()) {
                    java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
                    try {
                        junk.send(new DatagramPacket(bytes, bytes.length, server.mockServer().address()));
                        garbage.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            noise.start();
            try (ReferenceDevice other = ReferenceDevice.builder().server(server.coapsUri())
                    .device(DeviceId.parse("demoProduct/dev04")).productSecret("demo-product-secret").start()) {
                ObservationResults results = session.awaitVerdicts(Duration.ofSeconds(90));
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (other.reports() < 2 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThat(other.deviceSecret()).as("a device outside the session activates during the flood").isNotNull();
                assertThat(other.reports()).as("and its reports are answered during the flood").isGreaterThanOrEqualTo(2);
                ConformanceReport r1 = results.report(DEV01);
                ConformanceReport r2 = results.report(DEV02);
                assertThat(r1.gatePassed()).as("dev01: %s", r1.gateSummary()).isTrue();
                assertThat(r2.purpose("ENOS-COAP-01").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
                assertThat(r2.purpose("ENOS-COAP-01").orElseThrow().headline()).startsWith(
                        "ENOS-COAP-01 · EC-1 · expected: every request CON (EC-1) · observed: NON POST");
                assertThat(r2.purpose("ENOS-BASE-01").orElseThrow().verdict()).isEqualTo(Verdict.PASS);
            } finally {
                flooding.set(false);
                noise.join(5_000);
            }
            assertThat(garbage.get()).isGreaterThan(100);
            assertThat(flood.reports()).isGreaterThan(50);
        }
    }
}
