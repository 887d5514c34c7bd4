package dev.enoscoap.conformance.suite;

import static dev.enoscoap.conformance.suite.Demo.DEVICE;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_ID;
import static dev.enoscoap.conformance.suite.Demo.DEVICE_SECRET;
import static dev.enoscoap.conformance.suite.Demo.LIFETIME;
import static dev.enoscoap.conformance.suite.Demo.PRODUCT;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.data.MeasurePoint;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-1 and EC-11: CoAP conventions and measure point uploads. */
public interface UplinkConformance extends ClientUnderTest {
    String UPLINK_PATH = "/topic/sys/" + PRODUCT + "/" + DEVICE + "/thing/measurepoint/post";

    @Test
    @Purpose("ENOS-COAP-01")
    @Tag("COAP")
    @DisplayName("ENOS-COAP-01 requests are confirmable")
    default void requestsAreConfirmable(Judge judge) {
        EnosMockServer server = Uplinks.server(judge);
        Uplinks.report(judge, server, 2);
        List<ExchangeEntry> requests = Uplinks.requests(judge, server);
        List<ExchangeEntry> non = requests.stream().filter(e -> !e.confirmable()).toList();
        judge.check(non.isEmpty(), "every request CON", non.size() + " of " + requests.size() + " requests NON");
    }

    @Test
    @Purpose("ENOS-COAP-02")
    @Tag("COAP")
    @DisplayName("ENOS-COAP-02 new Message ID and new token per request")
    default void newMessageIdAndTokenPerRequest(Judge judge) {
        EnosMockServer server = Uplinks.server(judge);
        Uplinks.report(judge, server, 3);
        Map<String, List<ExchangeEntry>> bySession = new LinkedHashMap<>();
        for (ExchangeEntry e : Uplinks.requests(judge, server)) {
            bySession.computeIfAbsent(e.peer().toString(), k -> new ArrayList<>()).add(e);
        }
        List<String> repeats = new ArrayList<>();
        bySession.forEach((peer, list) -> {
            Set<Integer> mids = new HashSet<>();
            Set<String> tokens = new HashSet<>();
            for (ExchangeEntry e : list) {
                if (!mids.add(e.messageId())) {
                    repeats.add("Message ID " + e.messageId() + " repeated from " + peer);
                }
                if (!tokens.add(e.token())) {
                    repeats.add("token '" + e.token() + "' repeated from " + peer);
                }
            }
        });
        judge.check(repeats.isEmpty(), "distinct Message IDs and tokens within each session", repeats.toString());
    }

    @Test
    @Purpose("ENOS-UP-01")
    @Tag("UP")
    @DisplayName("ENOS-UP-01 measure point upload framed per EC-11")
    default void measurePointUploadIsFramedPerEc11(Judge judge) {
        EnosMockServer server = Uplinks.server(judge);
        Outcome<PublishResult> outcome = Uplinks.report(judge, server, 1);
        List<ExchangeEntry> posts = Uplinks.requests(judge, server).stream()
                .filter(e -> e.method().equals("POST") && e.path().equals(UPLINK_PATH)).toList();
        judge.check(!posts.isEmpty(), "POST " + UPLINK_PATH, "requests " + Uplinks.requests(judge, server).stream()
                .map(e -> e.method() + " " + e.path()).toList());
        ExchangeEntry post = posts.get(0);
        judge.check(post.replyCode() == 200, "reply code 200 (body accepted)",
                post.responseCode() + " reply code " + post.replyCode() + ": " + post.note());
        MeasurePoint temp = server.deviceData(DEVICE_ID).measurePoint("temp").orElse(null);
        judge.check(temp != null && temp.value().isNumber() && temp.value().doubleValue() == 21.5,
                "measure point temp = 21.5", "temp = " + (temp == null ? "absent" : temp.value()) + "; " + outcome.describe());
    }

    @Test
    @Purpose("ENOS-UP-02")
    @Tag("UP")
    @DisplayName("ENOS-UP-02 application error in the reply is surfaced")
    default void applicationErrorIsSurfaced(Judge judge) {
        EnosMockServer server = Uplinks.server(judge);
        ConnectionSpec spec = Uplinks.spec(judge, server);
        Outcome<Void> connected = judge.connect(spec);
        judge.acceptedHandshake(server, DEVICE_ID, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-KEY-01", "ENOS-ID-01", connected);
        server.faults().overrideResponse(UPLINK_PATH, ResponseOverride.json("2.04",
                "{\"id\":\"1\",\"code\":1220,\"data\":{},\"message\":\"payload format error\"}").times(-1));
        Outcome<PublishResult> outcome = judge.report(spec, Map.of("temp", 21.5));
        if (Uplinks.requests(judge, server).isEmpty()) {
            throw judge.inconclusive("no upload reached the server (" + outcome.describe() + ")");
        }
        judge.check(!outcome.ok() || outcome.value().replyCode() == 1220,
                "the client reports reply code 1220 or an error", outcome.describe());
    }

    /** Shared steps of the uplink purposes. */
    final class Uplinks {
        private Uplinks() {
        }

        static EnosMockServer server(Judge judge) {
            judge.requires(Capability.SECURE_MODE_2, Capability.UPLINK);
            return judge.server();
        }

        static ConnectionSpec spec(Judge judge, EnosMockServer server) {
            return judge.spec(server, PRODUCT, DEVICE, 2, DEVICE_SECRET, LIFETIME);
        }

        static Outcome<PublishResult> report(Judge judge, EnosMockServer server, int times) {
            ConnectionSpec spec = spec(judge, server);
            Outcome<PublishResult> last = null;
            for (int i = 0; i < times; i++) {
                Map<String, Object> points = new LinkedHashMap<>();
                points.put("temp", 21.5);
                points.put("count", i);
                last = judge.report(spec, points);
            }
            judge.acceptedHandshake(server, DEVICE_ID, Demo.identity(DEVICE, 2, LIFETIME), "ENOS-KEY-01", "ENOS-ID-01", last);
            return last;
        }

        static List<ExchangeEntry> requests(Judge judge, EnosMockServer server) {
            List<ExchangeEntry> list = server.journal().exchanges(DEVICE_ID);
            if (list.isEmpty()) {
                throw judge.inconclusive("the client connected but sent no request");
            }
            return list;
        }
    }
}
