package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.Topics;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-3 to EC-6: the identity on the wire and the key behind it. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface IdentityAndKeyConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ID-01")
    @Tag("ID")
    @DisplayName("ENOS-ID-01 SecureMode 2 identity is {ProductKey},{DeviceKey},2,{Lifetime}")
    default void secureMode2IdentityIsExact(Judge judge) {
        Sessions.Connect c = Sessions.Connect.of(judge);
        checkIdentity(judge, c.server(), c.spec(), c.outcome());
        c.settled(judge);
    }

    @Test
    @Purpose("ENOS-ID-02")
    @Tag("ID")
    @DisplayName("ENOS-ID-02 SecureMode 3 identity is {ProductKey},{DeviceKey},3,{Lifetime}")
    default void secureMode3IdentityIsExact(Judge judge) {
        Activation a = Activation.of(judge);
        checkIdentity(judge, a.server(), a.spec(), a.outcome());
        a.settled(judge);
    }

    @Test
    @Purpose("ENOS-ID-03")
    @Tag("ID")
    @DisplayName("ENOS-ID-03 a DeviceKey that is an IMEI is sent unchanged")
    default void imeiDeviceKeyIsSentUnchanged(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm3(judge, server, Demo.IMEI_DEVICE);
        Outcome<String> outcome = judge.activate(spec);
        checkIdentity(judge, server, spec, outcome);
        List<ExchangeEntry> elsewhere = server.journal().exchanges().stream()
                .filter(e -> Topics.asksForActivation(e.path()) && !e.path().equals(Topics.activationPath(spec.device())))
                .toList();
        judge.check(elsewhere.isEmpty(), "the activation request on " + Topics.activationPath(spec.device()),
                () -> "requests " + Sessions.words(elsewhere));
    }

    @Test
    @Purpose("ENOS-KEY-01")
    @Tag("KEY")
    @DisplayName("ENOS-KEY-01 SecureMode 2 key is bytes [8,24) of SHA-256(DeviceSecret)")
    default void secureMode2KeyIsDerivedFromTheDeviceSecret(Judge judge) {
        Sessions.Connect c = Sessions.Connect.of(judge);
        checkKey(judge, c.server(), c.spec(), Fact.SM2_IDENTITY, c.outcome());
        c.settled(judge);
    }

    @Test
    @Purpose("ENOS-KEY-02")
    @Tag("KEY")
    @DisplayName("ENOS-KEY-02 SecureMode 3 key is bytes [8,24) of SHA-256(ProductSecret)")
    default void secureMode3KeyIsDerivedFromTheProductSecret(Judge judge) {
        Activation a = Activation.of(judge);
        checkKey(judge, a.server(), a.spec(), Fact.SM3_IDENTITY, a.outcome());
        a.settled(judge);
    }

    private static List<HandshakeEntry> withIdentity(EnosMockServer server) {
        return server.journal().handshakes().stream().filter(h -> h.identityReceived() != null).toList();
    }

    private static void checkIdentity(Judge judge, EnosMockServer server, ConnectionSpec spec, Outcome<?> outcome) {
        List<HandshakeEntry> sent = withIdentity(server);
        if (sent.isEmpty()) {
            List<HandshakeEntry> all = server.journal().handshakes();
            if (all.stream().anyMatch(Judge::versionRefused)) {
                throw judge.because(Fact.DTLS_VERSION, "no identity reached the server: the handshake failed on the "
                        + "protocol version");
            }
            if (all.stream().anyMatch(h -> h.reason() == RefusalReason.NO_COMMON_CIPHER_SUITE)) {
                throw judge.because(Fact.CIPHER_SUITE, "no identity reached the server: no common cipher suite");
            }
            throw judge.inconclusive((all.isEmpty() ? "no handshake reached the server" : "no identity reached the server")
                    + "; " + outcome.describe());
        }
        String first = sent.get(0).identityReceived();
        judge.check(first.equals(spec.identity()), "identity '" + spec.identity() + "'", "identity '" + first + "'");
    }

    private static void checkKey(Judge judge, EnosMockServer server, ConnectionSpec spec, Fact identity,
            Outcome<?> outcome) {
        List<HandshakeEntry> sent = withIdentity(server);
        if (sent.isEmpty()) {
            throw judge.inconclusive("no identity reached the server; " + outcome.describe());
        }
        HandshakeEntry first = sent.get(0);
        if (!spec.identity().equals(first.identityReceived())) {
            throw judge.because(identity, "identity '" + first.identityReceived() + "', expected '" + spec.identity() + "'");
        }
        if (first.reason() == RefusalReason.KEY_MISMATCH) {
            throw judge.fail("the client's Finished verifies with bytes [8,24) of SHA-256(secret)",
                    "key mismatch: " + first.detail());
        }
        if (!first.accepted()) {
            throw judge.inconclusive("the handshake was refused before the key could be judged: " + first.reason() + " "
                    + first.detail());
        }
    }
}
