package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-7: Lifetime 30..86400. */
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
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, lifetime));
        List<HandshakeEntry> sent = server.journal().handshakes().stream().filter(h -> h.identityReceived() != null).toList();
        if (sent.isEmpty()) {
            if (server.journal().handshakes().isEmpty()) {
                judge.check(outcome.ok(), "a connection with Lifetime " + lifetime,
                        "the client refused it without contacting the server: " + outcome.describe());
            }
            throw judge.inconclusive("no identity reached the server (see ENOS-DTLS-03); " + outcome.describe());
        }
        String identity = sent.get(0).identityReceived();
        String[] fields = identity.split(",", -1);
        String sentLifetime = fields.length == 4 ? fields[3] : "(no lifetime field)";
        judge.check(sentLifetime.equals(Integer.toString(lifetime)), "Lifetime " + lifetime + " in the identity",
                "identity '" + identity + "'");
        if (!sent.get(0).accepted()) {
            throw judge.inconclusive("the handshake was refused for another reason: " + sent.get(0).reason()
                    + " (see ENOS-ID-01, ENOS-KEY-01)");
        }
        judge.check(outcome.ok(), "the client reports the connection", outcome.describe());
    }

    private static void refused(Judge judge, int lifetime) {
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, lifetime));
        boolean sent = server.journal().handshakes().stream().anyMatch(h -> h.identityReceived() != null);
        judge.check(!outcome.ok(), "an error: refused locally, or sent, refused by the server and reported",
                "the client reported success" + (sent ? " although the server refused the identity" : ""));
    }
}
