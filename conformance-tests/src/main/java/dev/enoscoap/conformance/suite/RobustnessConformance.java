package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_ID;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the client copes when the network or the server misbehaves. */
public interface RobustnessConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ROB-01")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-01 dropped request is retransmitted")
    default void droppedRequestIsRetransmitted(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2, Capability.UPLINK);
        EnosMockServer server = judge.server();
        ConnectionSpec spec = judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME);
        server.faults().dropNextRequests(DEVICE_ID, 1);
        Outcome<PublishResult> outcome = judge.report(spec, Map.of("temp", 21.5));
        judge.acceptedHandshake(server, DEVICE_ID, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-KEY-01", "ENOS-ID-01", outcome);
        List<FaultEntry> drops = server.journal().faults().stream()
                .filter(f -> f.kind() == FaultEntry.Kind.REQUEST_DROPPED).toList();
        if (drops.isEmpty()) {
            throw judge.inconclusive("no request reached the server to drop (" + outcome.describe() + ")");
        }
        String mid = drops.get(0).detail().replaceAll(".*mid=(\\d+).*", "$1");
        List<ExchangeEntry> answered = server.journal().exchanges(DEVICE_ID).stream()
                .filter(e -> Integer.toString(e.messageId()).equals(mid)).toList();
        judge.check(!answered.isEmpty(), "a retransmission of Message ID " + mid + " that the server answers",
                "no retransmission of Message ID " + mid + "; " + outcome.describe());
    }

    @Test
    @Purpose("ENOS-ROB-02")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-02 refused handshake retried with backoff")
    default void refusedHandshakeIsRetriedWithBackoff(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        server.faults().refuseNextHandshake(DEVICE_ID);
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME));
        List<HandshakeEntry> attempts = server.journal().handshakes(DEVICE_ID);
        if (attempts.isEmpty() || attempts.get(0).reason() != RefusalReason.FAULT_INJECTED) {
            throw judge.inconclusive("the client's identity never reached the server (see ENOS-ID-01); "
                    + outcome.describe());
        }
        HandshakeEntry refused = attempts.get(0);
        List<HandshakeEntry> later = attempts.subList(1, attempts.size());
        judge.check(!later.isEmpty(), "a new handshake after the refused one", "no new handshake; " + outcome.describe());
        Duration gap = Duration.between(refused.time(), later.get(0).time());
        long inTenSeconds = attempts.stream()
                .filter(h -> Duration.between(refused.time(), h.time()).compareTo(Duration.ofSeconds(10)) < 0).count();
        judge.check(gap.compareTo(Duration.ofSeconds(1)) >= 0 && inTenSeconds <= 5,
                "the next handshake at least 1 s later and at most 5 attempts in 10 s",
                "next handshake after " + gap.toMillis() + " ms, " + inTenSeconds + " attempts in 10 s");
        if (later.stream().noneMatch(HandshakeEntry::accepted)) {
            HandshakeEntry other = later.stream().filter(h -> h.reason() != RefusalReason.FAULT_INJECTED).findFirst().orElse(null);
            if (other != null) {
                throw judge.inconclusive("the retry was refused for another reason: " + other.reason()
                        + " (see ENOS-KEY-01, ENOS-ID-01)");
            }
        }
        judge.check(outcome.ok() && later.stream().anyMatch(HandshakeEntry::accepted), "the client connects in the end",
                outcome.describe());
    }

    @Test
    @Purpose("ENOS-ROB-03")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-03 forgotten session leads to a new handshake")
    default void forgottenSessionLeadsToNewHandshake(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2, Capability.UPLINK, Capability.SESSION_REUSE);
        EnosMockServer server = judge.server();
        ConnectionSpec spec = judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME);
        Outcome<PublishResult> first = judge.report(spec, Map.of("n", 1));
        judge.acceptedHandshake(server, DEVICE_ID, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-KEY-01", "ENOS-ID-01", first);
        if (!first.ok()) {
            throw judge.inconclusive("the first report failed: " + first.describe());
        }
        server.faults().forgetSession(DEVICE_ID);
        Outcome<PublishResult> second = judge.report(spec, Map.of("n", 2));
        long accepted = server.journal().handshakes(DEVICE_ID).stream().filter(HandshakeEntry::accepted).count();
        judge.check(second.ok() && accepted >= 2, "the second report succeeds over a new handshake",
                second.describe() + "; " + accepted + " accepted handshakes");
    }
}
