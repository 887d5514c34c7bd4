package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-2: the client handshakes with either EnOS suite. */
public interface CipherSuiteConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-DTLS-01")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-01 handshake with a server offering only CCM_8")
    default void handshakeWithServerOfferingOnlyCcm8(Judge judge) {
        handshakeWithOnly(judge, Capability.CIPHER_CCM_8, EnosCipherSuite.CCM_8);
    }

    @Test
    @Purpose("ENOS-DTLS-02")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-02 handshake with a server offering only CBC_SHA256")
    default void handshakeWithServerOfferingOnlyCbcSha256(Judge judge) {
        handshakeWithOnly(judge, Capability.CIPHER_CBC_SHA256, EnosCipherSuite.CBC_SHA256);
    }

    @Test
    @Purpose("ENOS-DTLS-03")
    @Tag("DTLS")
    @DisplayName("ENOS-DTLS-03 handshake with a server offering both suites")
    default void handshakeWithServerOfferingBoth(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME));
        judge(judge, server, outcome, List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256));
    }

    private static void handshakeWithOnly(Judge judge, Capability capability, EnosCipherSuite suite) {
        judge.requires(Capability.SECURE_MODE_2, capability);
        EnosMockServer server = judge.server(b -> b.cipherSuites(suite));
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME, suite));
        judge(judge, server, outcome, List.of(suite));
    }

    private static void judge(Judge judge, EnosMockServer server, Outcome<Void> outcome, List<EnosCipherSuite> offered) {
        List<HandshakeEntry> handshakes = server.journal().handshakes();
        List<String> names = offered.stream().map(EnosCipherSuite::ianaName).toList();
        if (handshakes.stream().anyMatch(h -> h.accepted() && names.contains(h.cipherSuite()))) {
            return;
        }
        if (handshakes.stream().anyMatch(h -> h.reason() == RefusalReason.NO_COMMON_CIPHER_SUITE)) {
            throw judge.fail("a handshake with " + names, "the client offered none of them (no common cipher suite); "
                    + outcome.describe());
        }
        if (handshakes.isEmpty()) {
            throw judge.inconclusive("the client never reached the server (" + outcome.describe() + ")");
        }
        HandshakeEntry last = handshakes.get(handshakes.size() - 1);
        String owner = last.reason() == RefusalReason.KEY_MISMATCH ? "prerequisite ENOS-KEY-01 failed"
                : last.reason() == RefusalReason.BAD_IDENTITY || last.reason() == RefusalReason.UNKNOWN_PRODUCT
                        || last.reason() == RefusalReason.UNKNOWN_DEVICE ? "prerequisite ENOS-ID-01 failed"
                        : "the handshake was refused";
        throw judge.inconclusive(owner + ": the suite was agreed but the server refused the handshake: "
                + last.reason() + " " + last.detail());
    }
}
