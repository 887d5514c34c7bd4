package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The minimum every EnOS client must show: a SecureMode 2 handshake and a measure point, seen by the mock. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface BaselineConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-BASE-01")
    @Tag("BASE")
    @DisplayName("ENOS-BASE-01 a SecureMode 2 handshake and a measure point accepted")
    default void handshakeAndMeasurePointAccepted(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        Outcome<?> outcome = r.outcome();
        List<HandshakeEntry> handshakes = r.server().journal().handshakes();
        boolean connected = handshakes.stream().anyMatch(h -> h.accepted() && r.spec().identity().equals(h.identityReceived()));
        List<ExchangeEntry> accepted = r.acceptedUploads();
        judge.check(connected && !accepted.isEmpty(), "an accepted handshake as '" + r.spec().identity()
                + "' and a measure point upload on " + Sessions.UPLINK_PATH + " accepted (2.04, reply code 200)",
                () -> (handshakes.isEmpty() ? "no handshake reached the server"
                        : !connected ? "handshakes " + Sessions.handshakes(handshakes)
                        : "requests " + Sessions.words(r.server().journal().exchanges(Demo.DEVICE))) + "; "
                        + outcome.describe());
        judge.settle(Action.REPORT, outcome);
    }
}
