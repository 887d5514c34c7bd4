package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-7: Lifetime 30..86400. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface LifetimeConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-LT-01")
    @Tag("LT")
    @DisplayName("ENOS-LT-01 Lifetime 30 is accepted")
    default void lifetime30IsAccepted(Judge judge) {
        accepted(judge, 30);
    }

    @Test
    @Purpose("ENOS-LT-02")
    @Tag("LT")
    @DisplayName("ENOS-LT-02 Lifetime 86400 is accepted")
    default void lifetime86400IsAccepted(Judge judge) {
        accepted(judge, 86_400);
    }

    @Test
    @Purpose("ENOS-LT-03")
    @Tag("LT")
    @DisplayName("ENOS-LT-03 Lifetime 29 is refused")
    default void lifetime29IsRefused(Judge judge) {
        refused(judge, 29);
    }

    @Test
    @Purpose("ENOS-LT-04")
    @Tag("LT")
    @DisplayName("ENOS-LT-04 Lifetime 86401 is refused")
    default void lifetime86401IsRefused(Judge judge) {
        refused(judge, 86_401);
    }

    private static void accepted(Judge judge, int lifetime) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server, lifetime);
        Outcome<Void> outcome = judge.connect(spec);
        List<HandshakeEntry> sent = server.journal().handshakes().stream().filter(h -> h.identityReceived() != null).toList();
        if (sent.isEmpty()) {
            throw judge.fail("a handshake with Lifetime " + lifetime + " in the identity",
                    (server.journal().handshakes().isEmpty() ? "no handshake reached the server"
                            : "no identity reached the server") + "; " + outcome.describe());
        }
        String identity = sent.get(0).identityReceived();
        List<String> fields = PskIdentity.fields(identity);
        List<String> expected = PskIdentity.fields(spec.identity());
        if (fields.size() != 4 || !fields.subList(0, 3).equals(expected.subList(0, 3))) {
            throw judge.because(Fact.SM2_IDENTITY, "identity '" + identity + "' is not '" + spec.identity() + "'");
        }
        judge.check(fields.get(3).equals(Integer.toString(lifetime)), "Lifetime " + lifetime + " in the identity",
                "identity '" + identity + "'");
        if (sent.get(0).reason() == RefusalReason.KEY_MISMATCH) {
            throw judge.because(Fact.SM2_KEY, "key mismatch");
        }
        judge.check(sent.stream().anyMatch(HandshakeEntry::accepted), "the server accepts the handshake",
                () -> Sessions.handshakes(sent) + "; " + outcome.describe());
    }

    private static void refused(Judge judge, int lifetime) {
        // A refusal proves something only from a client seen to connect with a legal Lifetime.
        Sessions.Connect legal = Sessions.Connect.of(judge);
        judge.acceptedHandshake(legal.server(), legal.spec(), legal.outcome());
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(Sessions.sm2(judge, server, lifetime));
        // The mock refuses this Lifetime, so an accepted handshake means the client sent another one.
        List<HandshakeEntry> accepted = server.journal().handshakes().stream().filter(HandshakeEntry::accepted).toList();
        judge.check(accepted.isEmpty(), "no handshake with another Lifetime than " + lifetime,
                () -> "the server accepted " + Sessions.handshakes(accepted) + "; " + outcome.describe());
        boolean sent = server.journal().handshakes().stream().anyMatch(h -> h.identityReceived() != null);
        judge.check(!outcome.ok(), "an error: refused locally, or sent, refused by the server and reported",
                "the client reported success" + (sent ? " although the server refused the identity" : ""));
    }
}
