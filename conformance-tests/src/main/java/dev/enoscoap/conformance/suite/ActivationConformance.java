package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EC-5 and EC-8 to EC-10: dynamic activation in SecureMode 3. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ActivationConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-ACT-01")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-01 activation request on the device's own path")
    default void activationRequestOnOwnPath(Judge judge) {
        Activation a = Activation.of(judge);
        a.sm3Handshake(judge);
        List<ExchangeEntry> exchanges = a.server().journal().exchanges(a.device());
        judge.check(exchanges.stream().anyMatch(e -> e.method().equals("GET") && e.path().equals(a.path())
                        && ResponseCode.CONTENT.is(e.responseCode())),
                "GET " + a.path() + " answered 2.05",
                () -> exchanges.isEmpty() ? "no request on the SecureMode 3 session; " + a.outcome().describe()
                        : Sessions.words(exchanges));
    }

    @Test
    @Purpose("ENOS-ACT-02")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-02 device secret taken from params.deviceSecret")
    default void secretTakenFromTheAnswer(Judge judge) {
        Activation a = Activation.of(judge);
        ExchangeEntry activation = a.activationExchange(judge);
        String served = a.servedSecret(judge);
        Outcome<String> outcome = a.settled(judge);
        Optional<String> reported = outcome.reported("deviceSecret", s -> s);
        if (reported.isPresent()) {
            judge.check(served.equals(reported.get()), "the secret '" + served + "' of params.deviceSecret",
                    () -> "the client reported '" + reported.get() + "'; " + outcome.describe());
            return;
        }
        if (a.reconnect(activation).isPresent()) {
            judge.note("the client reported no secret; its SecureMode 2 handshake with the returned secret was accepted");
            return;
        }
        throw judge.because(Fact.SM2_RECONNECT, "the client reported no secret and no SecureMode 2 handshake with the "
                + "returned secret was accepted, so which member it read cannot be told; " + outcome.describe());
    }

    @Test
    @Purpose("ENOS-ACT-03")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-03 new SecureMode 2 handshake with the new secret after activation, before any data")
    default void reconnectsInSecureMode2BeforeReportingData(Judge judge) {
        Activation a = Activation.of(judge);
        ExchangeEntry activation = a.activationExchange(judge);
        Optional<HandshakeEntry> reconnect = a.reconnect(activation);
        long before = reconnect.map(HandshakeEntry::sequence).orElse(Long.MAX_VALUE);
        List<ExchangeEntry> early = a.server().journal().exchanges(a.device()).stream()
                .filter(e -> e.sequence() > activation.sequence() && e.sequence() < before && e.method().equals("POST")
                        && Topics.uplink(e.path()).isPresent())
                .toList();
        judge.check(early.isEmpty(), "no data before the new SecureMode 2 handshake",
                () -> "data reported before it: " + Sessions.words(early) + " on the "
                        + early.get(0).identity().secureMode() + " session");
        if (reconnect.isPresent()) {
            return;
        }
        List<HandshakeEntry> after = a.sm2After(activation);
        if (after.isEmpty()) {
            throw judge.fail("a new SecureMode 2 handshake of " + a.device() + " after activation",
                    "no SecureMode 2 handshake after activation; " + a.outcome().describe());
        }
        HandshakeEntry refused = after.get(after.size() - 1);
        if (refused.reason() == RefusalReason.KEY_MISMATCH && judge.missing(Fact.DEVICE_SECRET)) {
            throw judge.because(Fact.DEVICE_SECRET, "the reconnect was refused with a key mismatch");
        }
        if (refused.reason() == RefusalReason.KEY_MISMATCH && judge.missing(Fact.SM2_KEY)) {
            throw judge.because(Fact.SM2_KEY, "the reconnect was refused with a key mismatch");
        }
        if (refused.reason() != RefusalReason.KEY_MISMATCH) {
            throw judge.because(Fact.SM2_IDENTITY, "the reconnect was refused: " + refused.reason() + " " + refused.detail());
        }
        throw judge.fail("a new SecureMode 2 handshake with the key of the returned secret",
                "SecureMode 2 handshakes after activation refused: key mismatch: the key was not derived from the "
                        + "secret the answer returned in params.deviceSecret; " + a.outcome().describe());
    }

    @Test
    @Purpose("ENOS-ACT-06")
    @Tag("ACT")
    @DisplayName("ENOS-ACT-06 the SecureMode 3 session carries only the activation request")
    default void secureMode3SessionCarriesOnlyActivation(Judge judge) {
        Activation a = Activation.of(judge);
        a.activationExchange(judge);
        List<ExchangeEntry> other = a.onSm3Session().stream()
                .filter(e -> !(e.method().equals("GET") && e.path().equals(a.path()))).toList();
        judge.check(other.isEmpty(), "only GET " + a.path() + " on the SecureMode 3 session",
                () -> "also " + Sessions.words(other));
    }

    @ParameterizedTest(name = "ENOS-ACT-04 activation answer {0}")
    @EnumSource(ActivationVariant.class)
    @Purpose("ENOS-ACT-04")
    @Tag("ACT")
    default void activationAnswerReadByFieldName(ActivationVariant variant, Judge judge) {
        // dev01 has a registered secret, so the varied answer can carry the real one and the client can reconnect.
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm3(judge, server, Demo.DEVICE);
        String path = Topics.activationPath(spec.device());
        server.faults().overrideResponse(path, ResponseOverride.json(ResponseCode.CONTENT.text(),
                variant.body(Demo.PRODUCT, Demo.DEVICE.deviceKey(), Demo.DEVICE_SECRET)).times(-1));
        Outcome<String> outcome = judge.activate(spec);
        ExchangeEntry served = server.journal().exchanges(spec.device()).stream()
                .filter(e -> e.path().equals(path) && ResponseCode.CONTENT.is(e.responseCode())).findFirst()
                .orElseThrow(() -> judge.because(Fact.ACTIVATION_REQUEST, "no activation request was answered; "
                        + outcome.describe()));
        Optional<String> secret = outcome.reported("deviceSecret", s -> s);
        judge.check(secret.filter(Demo.DEVICE_SECRET::equals).isPresent(),
                "secret '" + Demo.DEVICE_SECRET + "' read from the " + variant + " answer", outcome.describe());
        // The report alone is not enough where the wire can tell: a reconnect must be keyed with that secret.
        List<HandshakeEntry> reconnects = server.journal().handshakes(spec.device()).stream()
                .filter(h -> h.sequence() > served.sequence() && h.identity() != null
                        && h.identity().secureMode() == SecureMode.DEVICE_SECRET)
                .toList();
        judge.check(reconnects.isEmpty() || reconnects.stream().anyMatch(HandshakeEntry::accepted),
                "a SecureMode 2 reconnect keyed with the secret read from the " + variant + " answer",
                () -> Sessions.handshakes(reconnects));
    }

    @ParameterizedTest(name = "ENOS-ACT-05 activation refused: {0}")
    @EnumSource(ActivationRefusal.class)
    @Purpose("ENOS-ACT-05")
    @Tag("ACT")
    default void refusedActivationIsAnErrorWithoutHotLoop(ActivationRefusal answer, Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm3(judge, server, Demo.NEW_DEVICE);
        String path = Topics.activationPath(spec.device());
        boolean drop = answer.code().isEmpty();
        if (drop) {
            server.faults().dropNextRequests(spec.device(), 1_000);
        } else {
            server.faults().overrideResponse(path, ResponseOverride.code(answer.code().get().text()).times(-1));
        }
        long start = System.nanoTime();
        Outcome<String> outcome = judge.activate(spec);
        List<Instant> requests = new ArrayList<>();
        if (drop) {
            TreeSet<Integer> seen = new TreeSet<>();
            for (FaultEntry f : server.journal().faults()) {
                if (f.request() != null && f.request().path().equals(path) && seen.add(f.request().messageId())) {
                    requests.add(f.time());
                }
            }
        } else {
            server.journal().exchanges(spec.device()).stream().filter(e -> e.path().equals(path))
                    .forEach(e -> requests.add(e.time()));
        }
        if (requests.isEmpty()) {
            throw judge.because(Fact.ACTIVATION_REQUEST, "no activation request reached the server; " + outcome.describe());
        }
        judge.check(!outcome.ok() && outcome.reported("deviceSecret", s -> s).isEmpty(),
                "an error and no secret after " + answer, "the client " + outcome.describe());
        Duration window = Duration.ofSeconds(5);
        long inWindow = requests.stream().filter(t -> Duration.between(requests.get(0), t).compareTo(window) < 0).count();
        judge.check(inWindow <= 3, "at most 3 activation requests within " + window.toSeconds() + " s",
                inWindow + " requests within " + window.toSeconds() + " s (" + requests.size() + " in "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
    }
}
