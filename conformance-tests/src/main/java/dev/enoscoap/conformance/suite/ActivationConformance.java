package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.NEW_DEVICE;
import static dev.enoscoap.conformance.suite.Demo.NEW_DEVICE_ID;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT_SECRET;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.SecureMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EC-8 to EC-10: dynamic activation in SecureMode 3. */
public interface ActivationConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ACT-01")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-01 activation request on the device's own path")
    default void activationRequestOnOwnPath(Judge judge) {
        Activation a = Activation.run(judge);
        a.sm3Handshake();
        String path = Activation.path(PRODUCT, NEW_DEVICE);
        List<ExchangeEntry> exchanges = a.server.journal().exchanges(NEW_DEVICE_ID);
        judge.check(exchanges.stream().anyMatch(e -> e.method().equals("GET") && e.path().equals(path)
                        && e.responseCode().equals("2.05")),
                "GET " + path + " answered 2.05",
                exchanges.isEmpty() ? "no request on the SecureMode 3 session (" + a.outcome.describe() + ")"
                        : exchanges.stream().map(e -> e.method() + " " + e.path() + " -> " + e.responseCode()).toList().toString());
    }

    @Test
    @Purpose("ENOS-ACT-02")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-02 device secret taken from params.deviceSecret")
    default void secretTakenFromTheAnswer(Judge judge) {
        Activation a = Activation.run(judge);
        String served = a.servedSecret();
        judge.check(a.outcome.ok() && served.equals(a.outcome.value()), "the client reports secret '" + served + "'",
                a.outcome.describe());
    }

    @Test
    @Purpose("ENOS-ACT-03")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-03 new SecureMode 2 handshake with the new secret after activation")
    default void reconnectsInSecureMode2(Judge judge) {
        Activation a = Activation.run(judge);
        String served = a.servedSecret();
        if (!a.outcome.ok() || !served.equals(a.outcome.value())) {
            throw judge.inconclusive("prerequisite ENOS-ACT-02 failed: the client did not report the served secret ("
                    + a.outcome.describe() + ")");
        }
        long activatedAt = a.activationExchange().sequence();
        List<HandshakeEntry> after = a.server.journal().handshakes(NEW_DEVICE_ID).stream()
                .filter(h -> h.sequence() > activatedAt && h.identity().secureMode() == SecureMode.DEVICE_SECRET).toList();
        judge.check(after.stream().anyMatch(HandshakeEntry::accepted),
                "a new SecureMode 2 handshake of " + NEW_DEVICE_ID + " accepted after activation",
                after.isEmpty() ? "no SecureMode 2 handshake after activation"
                        : "SecureMode 2 handshakes refused: " + after.stream().map(HandshakeEntry::reason).toList());
    }

    @ParameterizedTest(name = "ENOS-ACT-04 activation answer {0}")
    @EnumSource(ActivationVariant.class)
    @Purpose("ENOS-ACT-04")
    @Tag("ACT")
    default void activationAnswerReadByFieldName(ActivationVariant variant, Judge judge) {
        judge.requires(Capability.SECURE_MODE_3);
        // dev01 has a registered secret, so the varied answer can carry the real one and the client can reconnect.
        EnosMockServer server = judge.server();
        server.faults().overrideResponse(Activation.path(PRODUCT, DEVICE),
                ResponseOverride.json("2.05", variant.body(PRODUCT, DEVICE, DEVICE_SECRET)).times(-1));
        Outcome<String> outcome = judge.activate(judge.spec(server, PRODUCT, DEVICE, 3, PRODUCT_SECRET, LIFETIME));
        DeviceId device = new DeviceId(PRODUCT, DEVICE);
        boolean served = server.journal().exchanges(device).stream()
                .anyMatch(e -> e.path().equals(Activation.path(PRODUCT, DEVICE)) && e.responseCode().equals("2.05"));
        if (!served) {
            throw judge.inconclusive("prerequisite ENOS-ACT-01 failed: no activation request was answered ("
                    + outcome.describe() + ")");
        }
        judge.check(outcome.ok() && DEVICE_SECRET.equals(outcome.value()),
                "secret '" + DEVICE_SECRET + "' read from the " + variant + " answer", outcome.describe());
    }

    @Test
    @Purpose("ENOS-ACT-05")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-05 a non-2.xx activation answer is an error, without a hot retry loop")
    default void refusedActivationIsAnErrorWithoutHotLoop(Judge judge) {
        judge.requires(Capability.SECURE_MODE_3);
        EnosMockServer server = judge.server();
        String path = Activation.path(PRODUCT, NEW_DEVICE);
        server.faults().overrideResponse(path, ResponseOverride.code("4.03").times(-1));
        long start = System.nanoTime();
        Outcome<String> outcome = judge.activate(judge.spec(server, PRODUCT, NEW_DEVICE, 3, PRODUCT_SECRET, LIFETIME));
        List<ExchangeEntry> requests = server.journal().exchanges(NEW_DEVICE_ID).stream()
                .filter(e -> e.path().equals(path)).toList();
        if (requests.isEmpty()) {
            throw judge.inconclusive("prerequisite ENOS-ACT-01 failed: no activation request reached the server ("
                    + outcome.describe() + ")");
        }
        judge.check(!outcome.ok(), "an error and no secret after 4.03", "the client " + outcome.describe());
        Duration window = Duration.ofSeconds(5);
        long inWindow = requests.stream()
                .filter(e -> Duration.between(requests.get(0).time(), e.time()).compareTo(window) < 0).count();
        judge.check(inWindow <= 3, "at most 3 activation requests within " + window.toSeconds() + " s",
                inWindow + " requests within " + window.toSeconds() + " s (" + requests.size() + " in "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
    }

    /** One activation of the demo device without a secret. */
    final class Activation {
        final Judge judge;
        final EnosMockServer server;
        final Outcome<String> outcome;

        private Activation(Judge judge, EnosMockServer server, Outcome<String> outcome) {
            this.judge = judge;
            this.server = server;
            this.outcome = outcome;
        }

        static Activation run(Judge judge) {
            judge.requires(Capability.SECURE_MODE_3);
            EnosMockServer server = judge.server();
            Outcome<String> outcome = judge.activate(judge.spec(server, PRODUCT, NEW_DEVICE, 3, PRODUCT_SECRET, LIFETIME));
            return new Activation(judge, server, outcome);
        }

        static String path(String productKey, String deviceKey) {
            return "/topic/ext/session/" + productKey + "/" + deviceKey + "/thing/activate/info";
        }

        HandshakeEntry sm3Handshake() {
            return judge.acceptedHandshake(server, NEW_DEVICE_ID, Demo.identity(NEW_DEVICE, 3, LIFETIME), "ENOS-KEY-02",
                    "ENOS-ID-02", outcome);
        }

        ExchangeEntry activationExchange() {
            sm3Handshake();
            String path = path(PRODUCT, NEW_DEVICE);
            return server.journal().exchanges(NEW_DEVICE_ID).stream()
                    .filter(e -> e.path().equals(path) && e.responseCode().equals("2.05")).findFirst()
                    .orElseThrow(() -> judge.inconclusive("prerequisite ENOS-ACT-01 failed: no activation request "
                            + "was answered 2.05 (" + outcome.describe() + ")"));
        }

        String servedSecret() {
            activationExchange();
            return server.registry().device(NEW_DEVICE_ID).orElseThrow().deviceSecret();
        }
    }
}
