package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared steps of the suites: the SecureMode 2 session of the demo device, the scenarios
 * several purposes judge (one connect, one series of reports, one activation), and what the
 * journal says about them.
 */
final class Sessions {
    /** The uplink path of the demo device. */
    static final String UPLINK_PATH = Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, Demo.DEVICE);
    /** How many uploads the shared report scenario asks for in one call. */
    static final int REPORTS = 3;

    private Sessions() {
    }

    /** SecureMode 2 with the demo device's secret, default Lifetime and suites. */
    static ConnectionSpec sm2(Judge judge, EnosMockServer server, EnosCipherSuite... suites) {
        return sm2(judge, server, Demo.LIFETIME, suites);
    }

    /** SecureMode 2 with the demo device's secret and {@code lifetime}. */
    static ConnectionSpec sm2(Judge judge, EnosMockServer server, int lifetime, EnosCipherSuite... suites) {
        return judge.spec(server, Demo.DEVICE, SecureMode.DEVICE_SECRET, Demo.DEVICE_SECRET, lifetime, suites);
    }

    /** SecureMode 3 with the product secret for {@code device}. */
    static ConnectionSpec sm3(Judge judge, EnosMockServer server, DeviceId device) {
        return judge.spec(server, device, SecureMode.PRODUCT_SECRET, Demo.PRODUCT_SECRET, Demo.LIFETIME);
    }

    /** The measure points the suites report. */
    static Map<String, Object> points() {
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("temp", 21.5);
        points.put("count", 1);
        return points;
    }

    /**
     * The shared SecureMode 2 connect of the demo device. A client that reports data connects by
     * reporting: the series of reports ({@link Reports}) is its connect too, so a client that cannot
     * connect pays its time-outs once.
     */
    record Connect(EnosMockServer server, ConnectionSpec spec, Outcome<?> outcome, Action action) implements Judge.Scenario {
        static Connect of(Judge judge) {
            if (judge.client().can(Action.REPORT.capability())) {
                Reports r = Reports.of(judge);
                return new Connect(r.server(), r.spec(), r.outcome(), Action.REPORT);
            }
            return judge.shared("sm2-connect", () -> {
                EnosMockServer s = judge.sharedServer();
                ConnectionSpec spec = sm2(judge, s);
                return new Connect(s, spec, judge.raw("connect " + spec.describe(), a -> {
                    a.connect(spec);
                    return null;
                }), Action.CONNECT);
            });
        }

        /** The outcome, settled for this purpose. */
        Outcome<?> settled(Judge judge) {
            return judge.settle(action, outcome);
        }
    }

    /** The shared series of {@link #REPORTS} measure point uploads of the demo device in one call. */
    record Reports(EnosMockServer server, ConnectionSpec spec, Outcome<List<PublishResult>> outcome)
            implements Judge.Scenario {
        static Reports of(Judge judge) {
            return judge.shared("sm2-report", () -> {
                EnosMockServer s = judge.sharedServer();
                ConnectionSpec spec = sm2(judge, s);
                Map<String, Object> points = points();
                return new Reports(s, spec, judge.raw("report measure points " + points + " " + REPORTS + " times "
                        + spec.describe(), a -> a.reportMeasurePoints(spec, points, REPORTS)));
            });
        }

        /** The outcome for this purpose; an accepted handshake is required (else inconclusive, naming the owner). */
        Outcome<List<PublishResult>> connected(Judge judge) {
            Outcome<List<PublishResult>> o = judge.settle(Action.REPORT, outcome);
            judge.acceptedHandshake(server, spec, o);
            return o;
        }

        /** The requests of the demo device; none is inconclusive. */
        List<ExchangeEntry> requests(Judge judge) {
            List<ExchangeEntry> list = server.journal().exchanges(Demo.DEVICE);
            if (list.isEmpty()) {
                throw judge.inconclusive("the client connected but sent no request; " + outcome.describe());
            }
            return list;
        }

        /** The uploads on the measure point topic accepted with reply code 200. */
        List<ExchangeEntry> acceptedUploads() {
            return server.journal().exchanges(Demo.DEVICE).stream().filter(Sessions::acceptedUpload).toList();
        }
    }

    /** Whether the exchange is a measure point upload on the demo device's topic accepted with reply code 200. */
    static boolean acceptedUpload(ExchangeEntry e) {
        return acceptedPost(e, UPLINK_PATH);
    }

    /** Whether the exchange is a POST on {@code path} accepted: 2.04 with reply code 200. */
    static boolean acceptedPost(ExchangeEntry e, String path) {
        return e.method().equals("POST") && e.path().equals(path) && ResponseCode.CHANGED.is(e.responseCode())
                && e.replyCode() == ReplyCode.OK.code();
    }

    /** One exchange in words, for evidence. */
    static String words(ExchangeEntry e) {
        return e.method() + " " + e.path() + " -> " + e.responseCode() + (e.replyCode() >= 0 ? " code " + e.replyCode() : "")
                + (e.note() == null || e.note().isEmpty() ? "" : " (" + e.note() + ")");
    }

    /** Exchanges in words. */
    static String words(List<ExchangeEntry> list) {
        return list.isEmpty() ? "no request" : list.stream().map(Sessions::words).toList().toString();
    }

    /** Handshakes in words. */
    static String handshakes(List<HandshakeEntry> list) {
        return list.isEmpty() ? "no handshake" : list.stream().map(h -> h.outcome() + (h.reason() == null ? "" : " " + h.reason())
                + " as " + (h.identityReceived() == null ? "(no identity)" : "'" + h.identityReceived() + "'")).toList().toString();
    }
}
