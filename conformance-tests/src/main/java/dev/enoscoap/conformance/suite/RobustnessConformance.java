package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How the client copes when the network or the server misbehaves. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RobustnessConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ROB-01")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-01 dropped request is retransmitted")
    default void droppedRequestIsRetransmitted(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        server.faults().dropNextRequests(Demo.DEVICE, 1);
        Outcome<PublishResult> outcome = judge.report(spec, Sessions.points());
        judge.acceptedHandshake(server, spec, outcome);
        List<FaultEntry.Request> drops = server.journal().faults().stream().map(FaultEntry::request)
                .filter(Objects::nonNull).toList();
        if (drops.isEmpty()) {
            throw judge.inconclusive("no request reached the server to drop; " + outcome.describe());
        }
        int mid = drops.get(0).messageId();
        List<ExchangeEntry> answered = server.journal().exchanges(Demo.DEVICE).stream()
                .filter(e -> e.messageId() == mid).toList();
        judge.check(!answered.isEmpty(), "a retransmission of Message ID " + mid + " that the server answers",
                "no retransmission of Message ID " + mid + "; " + outcome.describe());
    }

    @Test
    @Purpose("ENOS-ROB-02")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-02 refused handshake retried with backoff")
    default void refusedHandshakeIsRetriedWithBackoff(Judge judge) {
        EnosMockServer server = judge.server();
        server.faults().refuseNextHandshake(Demo.DEVICE);
        Outcome<Void> outcome = judge.connect(Sessions.sm2(judge, server));
        List<HandshakeEntry> attempts = server.journal().handshakes(Demo.DEVICE);
        if (attempts.isEmpty() || attempts.get(0).reason() != RefusalReason.FAULT_INJECTED) {
            throw judge.because(Fact.SM2_IDENTITY, "the client's identity never reached the server; " + outcome.describe());
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
            if (other != null && other.reason() == RefusalReason.KEY_MISMATCH) {
                throw judge.because(Fact.SM2_KEY, "the retry was refused: key mismatch");
            }
            if (other != null) {
                throw judge.because(Fact.SM2_IDENTITY, "the retry was refused: " + other.reason() + " " + other.detail());
            }
        }
        judge.check(later.stream().anyMatch(HandshakeEntry::accepted), "a retried handshake accepted",
                "no retried handshake accepted; " + outcome.describe());
    }

    @Test
    @Purpose("ENOS-ROB-03")
    @Tag("ROB")
    @DisplayName("ENOS-ROB-03 forgotten session leads to a new handshake")
    default void forgottenSessionLeadsToNewHandshake(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        Outcome<PublishResult> first = judge.report(spec, Sessions.points());
        judge.acceptedHandshake(server, spec, first);
        if (server.journal().exchanges(Demo.DEVICE).stream().noneMatch(Sessions::acceptedUpload)) {
            throw judge.because(Fact.MEASURE_POINT_UPLOAD, "the first report was not accepted; " + first.describe());
        }
        server.faults().forgetSession(Demo.DEVICE);
        long forgotten = server.journal().faults().stream().filter(f -> f.kind() == FaultEntry.Kind.SESSION_FORGOTTEN)
                .mapToLong(FaultEntry::sequence).max().orElseThrow();
        Outcome<PublishResult> second = judge.report(spec, Sessions.points());
        boolean newHandshake = server.journal().handshakes(Demo.DEVICE).stream()
                .anyMatch(h -> h.accepted() && h.sequence() > forgotten);
        boolean uploaded = server.journal().exchanges(Demo.DEVICE).stream()
                .anyMatch(e -> e.sequence() > forgotten && Sessions.acceptedUpload(e));
        judge.check(newHandshake && uploaded, "the second report accepted over a new handshake",
                (newHandshake ? "a new handshake but no accepted upload" : "no new handshake after the session was forgotten")
                        + "; " + second.describe());
    }
}
