package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.NEW_DEVICE;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT_SECRET;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-3 to EC-6: the identity on the wire and the key behind it. */
public interface IdentityAndKeyConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ID-01")
    @Tag("ID")
    @DisplayName("ENOS-ID-01 SecureMode 2 identity is {ProductKey},{DeviceKey},2,{Lifetime}")
    default void secureMode2IdentityIsExact(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME));
        checkIdentity(judge, server, Demo.identity(DEVICE, 2, LIFETIME), outcome);
    }

    @Test
    @Purpose("ENOS-ID-02")
    @Tag("ID")
    @DisplayName("ENOS-ID-02 SecureMode 3 identity is {ProductKey},{DeviceKey},3,{Lifetime}")
    default void secureMode3IdentityIsExact(Judge judge) {
        judge.requires(Capability.SECURE_MODE_3);
        EnosMockServer server = judge.server();
        Outcome<String> outcome = judge.activate(judge.spec(server, PRODUCT, NEW_DEVICE, 3, PRODUCT_SECRET, LIFETIME));
        checkIdentity(judge, server, Demo.identity(NEW_DEVICE, 3, LIFETIME), outcome);
    }

    @Test
    @Purpose("ENOS-KEY-01")
    @Tag("KEY")
    @DisplayName("ENOS-KEY-01 SecureMode 2 key is bytes [8,24) of SHA-256(DeviceSecret)")
    default void secureMode2KeyIsDerivedFromTheDeviceSecret(Judge judge) {
        judge.requires(Capability.SECURE_MODE_2);
        EnosMockServer server = judge.server();
        Outcome<Void> outcome = judge.connect(judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME));
        checkKey(judge, server, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-ID-01", outcome);
    }

    @Test
    @Purpose("ENOS-KEY-02")
    @Tag("KEY")
    @DisplayName("ENOS-KEY-02 SecureMode 3 key is bytes [8,24) of SHA-256(ProductSecret)")
    default void secureMode3KeyIsDerivedFromTheProductSecret(Judge judge) {
        judge.requires(Capability.SECURE_MODE_3);
        EnosMockServer server = judge.server();
        Outcome<String> outcome = judge.activate(judge.spec(server, PRODUCT, NEW_DEVICE, 3, PRODUCT_SECRET, LIFETIME));
        checkKey(judge, server, Demo.identity(NEW_DEVICE, 3, LIFETIME), "ENOS-ID-02", outcome);
    }

    private static void checkIdentity(Judge judge, EnosMockServer server, String expected, Outcome<?> outcome) {
        List<HandshakeEntry> sent = server.journal().handshakes().stream().filter(h -> h.identityReceived() != null).toList();
        if (sent.isEmpty()) {
            throw judge.inconclusive("no identity reached the server (" + outcome.describe() + ")");
        }
        String first = sent.get(0).identityReceived();
        judge.check(first.equals(expected), "identity '" + expected + "'", "identity '" + first + "'");
    }

    private static void checkKey(Judge judge, EnosMockServer server, String identity, String identityPurpose,
            Outcome<?> outcome) {
        List<HandshakeEntry> sent = server.journal().handshakes().stream().filter(h -> h.identityReceived() != null).toList();
        if (sent.isEmpty()) {
            throw judge.inconclusive("no identity reached the server (" + outcome.describe() + ")");
        }
        HandshakeEntry first = sent.get(0);
        if (!identity.equals(first.identityReceived())) {
            throw judge.inconclusive("prerequisite " + identityPurpose + " failed: identity '" + first.identityReceived()
                    + "', expected '" + identity + "'");
        }
        if (first.reason() == RefusalReason.KEY_MISMATCH) {
            throw judge.fail("the client's Finished verifies with bytes [8,24) of SHA-256(secret)",
                    "key mismatch: " + first.detail());
        }
        if (!first.accepted()) {
            throw judge.inconclusive("the handshake was refused before the key could be judged: " + first.reason());
        }
    }
}
