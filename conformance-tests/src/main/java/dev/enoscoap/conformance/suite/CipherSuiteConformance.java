package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-1 and EC-2: DTLS 1.2 with either EnOS suite. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CipherSuiteConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-DTLS-01")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-01 handshake with a server offering only CCM_8")
    default void handshakeWithServerOfferingOnlyCcm8(Judge judge) {
        handshakeWithOnly(judge, EnosCipherSuite.CCM_8);
    }

    @Test
    @Purpose("ENOS-DTLS-02")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-02 handshake with a server offering only CBC_SHA256")
    default void handshakeWithServerOfferingOnlyCbcSha256(Judge judge) {
        handshakeWithOnly(judge, EnosCipherSuite.CBC_SHA256);
    }

    @Test
    @Purpose("ENOS-DTLS-03")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-03 handshake with a server offering both suites")
    default void handshakeWithServerOfferingBoth(Judge judge) {
        Sessions.Connect c = Sessions.Connect.of(judge);
        judgeSuites(judge, c.server(), c.spec(), c.outcome(), List.of(EnosCipherSuite.values()));
        c.settled(judge);
    }

    @Test
    @Purpose("ENOS-DTLS-04")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-04 DTLS 1.2 is the protocol version")
    default void dtls12IsTheVersion(Judge judge) {
        Sessions.Connect c = Sessions.Connect.of(judge);
        Outcome<?> outcome = c.outcome();
        List<HandshakeEntry> all = c.server().journal().handshakes();
        List<HandshakeEntry> version = all.stream().filter(Judge::versionRefused).toList();
        if (!version.isEmpty() && all.stream().noneMatch(HandshakeEntry::accepted)) {
            throw judge.fail("a DTLS 1.2 handshake", "the handshake failed on the protocol version: "
                    + version.get(0).detail());
        }
        // The mock (Scandium) speaks DTLS 1.2 only: an accepted handshake was a DTLS 1.2 handshake.
        judge.acceptedHandshake(c.server(), c.spec(), outcome);
        c.settled(judge);
    }

    private static void handshakeWithOnly(Judge judge, EnosCipherSuite suite) {
        EnosMockServer server = judge.server(b -> b.cipherSuites(suite));
        ConnectionSpec spec = Sessions.sm2(judge, server, suite);
        judgeSuites(judge, server, spec, judge.connect(spec), List.of(suite));
    }

    private static void judgeSuites(Judge judge, EnosMockServer server, ConnectionSpec spec, Outcome<?> outcome,
            List<EnosCipherSuite> offered) {
        List<HandshakeEntry> handshakes = server.journal().handshakes();
        List<String> names = offered.stream().map(EnosCipherSuite::ianaName).toList();
        if (handshakes.stream().anyMatch(h -> h.accepted() && names.contains(h.cipherSuite()))) {
            return;
        }
        if (handshakes.stream().anyMatch(h -> h.reason() == RefusalReason.NO_COMMON_CIPHER_SUITE)) {
            throw judge.fail("a handshake with " + names, "the client offered none of them (no common cipher suite); "
                    + outcome.describe());
        }
        judge.acceptedHandshake(server, spec, outcome);
        throw judge.inconclusive("a handshake was accepted with another suite than " + names);
    }
}
