package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import java.util.List;
import java.util.Optional;

/**
 * The shared activation of the demo device without a secret (EC-8 to EC-10), and what the
 * journal says about it.
 */
record Activation(EnosMockServer server, ConnectionSpec spec, Outcome<String> outcome) implements Judge.Scenario {

    static Activation of(Judge judge) {
        return judge.shared("activation", () -> {
            EnosMockServer s = judge.sharedServer();
            ConnectionSpec spec = Sessions.sm3(judge, s, Demo.NEW_DEVICE);
            return new Activation(s, spec, judge.raw("activate " + spec.describe(), a -> a.activate(spec)));
        });
    }

    DeviceId device() {
        return spec.device();
    }

    String path() {
        return Topics.activationPath(device());
    }

    /** The outcome, settled for this purpose. */
    Outcome<String> settled(Judge judge) {
        return judge.settle(Action.ACTIVATE, outcome);
    }

    /** The accepted SecureMode 3 handshake, or inconclusive naming the owner of what went wrong. */
    HandshakeEntry sm3Handshake(Judge judge) {
        return judge.acceptedHandshake(server, spec, settled(judge));
    }

    /** The activation request answered 2.05, or inconclusive naming the purpose that owns it. */
    ExchangeEntry activationExchange(Judge judge) {
        sm3Handshake(judge);
        return server.journal().exchanges(device()).stream()
                .filter(e -> e.path().equals(path()) && ResponseCode.CONTENT.is(e.responseCode())).findFirst()
                .orElseThrow(() -> judge.because(Fact.ACTIVATION_REQUEST, "no activation request was answered 2.05; "
                        + Sessions.words(server.journal().exchanges(device()))));
    }

    /** The secret the server returned. */
    String servedSecret(Judge judge) {
        activationExchange(judge);
        return server.registry().device(device()).orElseThrow().deviceSecret();
    }

    /** SecureMode 2 handshakes of the device after the activation answer. */
    List<HandshakeEntry> sm2After(ExchangeEntry activation) {
        return server.journal().handshakes(device()).stream()
                .filter(h -> h.sequence() > activation.sequence() && h.identity().secureMode() == SecureMode.DEVICE_SECRET)
                .toList();
    }

    /** The first accepted SecureMode 2 handshake after activation. */
    Optional<HandshakeEntry> reconnect(ExchangeEntry activation) {
        return sm2After(activation).stream().filter(HandshakeEntry::accepted).findFirst();
    }

    /** Requests of the device on a SecureMode 3 session. */
    List<ExchangeEntry> onSm3Session() {
        return server.journal().exchanges(device()).stream()
                .filter(e -> e.identity() != null && e.identity().secureMode() == SecureMode.PRODUCT_SECRET).toList();
    }
}
