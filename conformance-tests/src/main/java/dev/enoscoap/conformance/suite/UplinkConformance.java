package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.data.MeasurePoint;
import dev.enoscoap.mock.data.UplinkRecord;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EC-1, EC-11 and EC-13: CoAP conventions, the uplink topics and how error answers are treated. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface UplinkConformance extends ClientUnderTest {

    @Test
    @Purpose("ENOS-COAP-01")
    @Tag("COAP")
    @DisplayName("ENOS-COAP-01 requests are confirmable")
    default void requestsAreConfirmable(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        r.connected(judge);
        List<ExchangeEntry> requests = r.requests(judge);
        List<ExchangeEntry> non = requests.stream().filter(e -> !e.confirmable()).toList();
        judge.check(non.isEmpty(), "every request CON", non.size() + " of " + requests.size() + " requests NON");
    }

    @Test
    @Purpose("ENOS-UP-01")
    @Tag("UP")
    @DisplayName("ENOS-UP-01 measure point upload framed per EC-11")
    default void measurePointUploadIsFramedPerEc11(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        Outcome<?> outcome = r.connected(judge);
        List<ExchangeEntry> requests = r.requests(judge);
        List<ExchangeEntry> posts = requests.stream()
                .filter(e -> e.method().equals("POST") && e.path().equals(Sessions.UPLINK_PATH)).toList();
        judge.check(!posts.isEmpty(), "POST " + Sessions.UPLINK_PATH, () -> "requests " + Sessions.words(requests));
        ExchangeEntry post = posts.get(0);
        judge.check(post.replyCode() == ReplyCode.OK.code(), "reply code 200 (body accepted)", () -> Sessions.words(post));
        MeasurePoint temp = r.server().deviceData(Demo.DEVICE).measurePoint("temp").orElse(null);
        judge.check(temp != null && temp.value().isNumber() && temp.value().doubleValue() == 21.5,
                "measure point temp = 21.5", () -> "temp = " + (temp == null ? "absent" : temp.value()) + "; "
                        + outcome.describe());
    }

    @Test
    @Purpose("ENOS-COAP-02")
    @Tag("COAP")
    @DisplayName("ENOS-COAP-02 new Message ID and new token per request")
    default void newMessageIdAndTokenPerRequest(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        r.connected(judge);
        Map<String, List<ExchangeEntry>> bySession = new LinkedHashMap<>();
        for (ExchangeEntry e : r.requests(judge)) {
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
        if (bySession.values().stream().allMatch(l -> l.size() < 2)) {
            judge.note("judged on one request per DTLS session only: the client opened a new session for each of its "
                    + bySession.size() + " requests, so no two requests of one session could be compared");
        }
    }

    @Test
    @Purpose("ENOS-COAP-03")
    @Tag("COAP")
    @DisplayName("ENOS-COAP-03 request payloads stay under 1 KB")
    default void payloadsStayUnder1Kb(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        r.connected(judge);
        List<ExchangeEntry> large = r.requests(judge).stream().filter(e -> e.payloadSize() >= 1024).toList();
        judge.check(large.isEmpty(), "every request payload under 1024 bytes",
                () -> large.stream().map(e -> e.method() + " " + e.path() + " " + e.payloadSize() + " bytes").toList().toString());
    }

    @Test
    @Purpose("ENOS-UP-02")
    @Tag("UP")
    @DisplayName("ENOS-UP-02 application error in the reply is surfaced")
    default void applicationErrorIsSurfaced(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        server.faults().overrideResponse(Sessions.UPLINK_PATH, ResponseOverride.json(ResponseCode.CHANGED.text(),
                "{\"id\":\"1\",\"code\":" + ReplyCode.PAYLOAD_FORMAT_ERROR.code() + ",\"data\":{},\"message\":\""
                        + ReplyCode.PAYLOAD_FORMAT_ERROR.text() + "\"}").times(-1));
        Outcome<PublishResult> outcome = judge.report(spec, Sessions.points());
        judge.acceptedHandshake(server, spec, outcome);
        // Only an upload that got the scripted error answer lets the client's report mean anything.
        if (server.journal().exchanges(Demo.DEVICE).stream().noneMatch(e -> e.path().equals(Sessions.UPLINK_PATH)
                && e.scripted())) {
            throw judge.inconclusive("no upload on " + Sessions.UPLINK_PATH + " got the answer with reply code "
                    + ReplyCode.PAYLOAD_FORMAT_ERROR.code() + "; " + outcome.describe());
        }
        judge.check(!outcome.ok() || outcome.value().replyCode() == ReplyCode.PAYLOAD_FORMAT_ERROR.code(),
                "the client reports reply code 1220 or an error", outcome.describe());
    }

    @Test
    @Purpose("ENOS-UP-03")
    @Tag("UP")
    @DisplayName("ENOS-UP-03 params.time is epoch milliseconds")
    default void timeIsEpochMilliseconds(Judge judge) {
        Sessions.Reports r = Sessions.Reports.of(judge);
        r.connected(judge);
        List<UplinkRecord> uploads = r.server().deviceData(Demo.DEVICE).history();
        if (uploads.isEmpty()) {
            throw judge.because(Fact.MEASURE_POINT_UPLOAD, "no upload was accepted");
        }
        Instant now = r.server().clock().instant();
        for (UplinkRecord u : uploads) {
            JsonNode time = u.body() == null ? null : u.body().path("params").get("time");
            if (time == null || time.isNull()) {
                continue;
            }
            judge.check(time.isIntegralNumber(), "params.time as a number of epoch milliseconds",
                    "params.time " + time + " is not an integer");
            Instant t = Instant.ofEpochMilli(time.longValue());
            judge.check(plausible(t, now), "params.time in epoch milliseconds (after 2000-01-01, at most a day ahead)",
                    () -> "params.time " + time + ", which as milliseconds means " + t + (plausible(Instant.ofEpochSecond(
                            time.longValue()), now) ? " (it looks like seconds: " + Instant.ofEpochSecond(time.longValue())
                            + ")" : ""));
        }
    }

    @Test
    @Purpose("ENOS-UP-08")
    @Tag("UP")
    @DisplayName("ENOS-UP-08 a 4.xx or 5.xx answer to an upload is reported as a failure")
    default void errorAnswerIsReportedAsFailure(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        List<String> wrong = new ArrayList<>();
        for (ResponseCode code : List.of(ResponseCode.BAD_REQUEST, ResponseCode.FORBIDDEN, ResponseCode.INTERNAL_SERVER_ERROR)) {
            server.faults().overrideResponse(Sessions.UPLINK_PATH, ResponseOverride.code(code.text()));
            int before = server.journal().exchanges(Demo.DEVICE).size();
            Outcome<PublishResult> outcome = judge.report(spec, Sessions.points());
            judge.acceptedHandshake(server, spec, outcome);
            List<ExchangeEntry> answered = server.journal().exchanges(Demo.DEVICE);
            boolean sent = answered.subList(before, answered.size()).stream()
                    .anyMatch(e -> e.path().equals(Sessions.UPLINK_PATH) && code.is(e.responseCode()));
            if (!sent) {
                throw judge.inconclusive("no upload was answered " + code + "; " + outcome.describe());
            }
            if (outcome.ok() && ResponseCode.isSuccess(outcome.value().coapCode())) {
                wrong.add(code + ": " + outcome.describe());
            }
        }
        judge.check(wrong.isEmpty(), "a failure reported for uploads answered 4.00, 4.03 and 5.00",
                "the client reported success for " + wrong);
    }

    @Test
    @Purpose("ENOS-UP-04")
    @Tag("UP")
    @DisplayName("ENOS-UP-04 measure point batch upload framed per EC-11")
    default void batchUploadIsFramedPerEc11(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        List<Map<String, Object>> batch = List.of(Map.of("temp", 20.5), Map.of("humidity", 40));
        Outcome<PublishResult> outcome = judge.call(Action.REPORT_BATCH, "report a measure point batch " + batch,
                a -> a.reportMeasurePointBatch(spec, batch));
        String path = Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST_BATCH, spec.device());
        accepted(judge, server, spec, outcome, path);
        DeviceData data = server.deviceData(spec.device());
        judge.check(data.measurePoint("temp").isPresent() && data.measurePoint("humidity").isPresent(),
                "measure points temp and humidity kept from the batch", () -> "kept " + data.measurePoints().keySet());
    }

    @Test
    @Purpose("ENOS-UP-05")
    @Tag("UP")
    @DisplayName("ENOS-UP-05 offline measure points resumed per EC-11")
    default void offlineDataIsResumedPerEc11(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        Instant measuredAt = server.clock().instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> points = Map.of("temp", 19.5);
        Outcome<PublishResult> outcome = judge.call(Action.RESUME, "resume offline measure points " + points
                + " measured at " + measuredAt, a -> a.resumeMeasurePoints(spec, points, measuredAt));
        accepted(judge, server, spec, outcome, Topics.uplinkPath(UplinkKind.MEASUREPOINT_RESUME, spec.device()));
        MeasurePoint temp = server.deviceData(spec.device()).measurePoint("temp").orElse(null);
        judge.check(temp != null && temp.resumed() && measuredAt.equals(temp.time()),
                "temp kept as offline data measured at " + measuredAt,
                () -> temp == null ? "temp absent" : "temp " + temp.value() + " at " + temp.time() + (temp.resumed() ? "" : " (not as offline data)"));
    }

    @Test
    @Purpose("ENOS-UP-06")
    @Tag("UP")
    @DisplayName("ENOS-UP-06 event posted per EC-11")
    default void eventIsPostedPerEc11(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        Map<String, Object> values = Map.of("level", 3);
        Outcome<PublishResult> outcome = judge.call(Action.EVENT, "post event overheat " + values,
                a -> a.postEvent(spec, "overheat", values));
        accepted(judge, server, spec, outcome, Topics.eventPath(spec.device(), "overheat"));
        var events = server.deviceData(spec.device()).events("overheat");
        judge.check(!events.isEmpty() && events.get(0).values() != null && events.get(0).values().path("level").asInt() == 3,
                "event overheat with level 3 kept", () -> "events " + events);
    }

    @Test
    @Purpose("ENOS-UP-07")
    @Tag("UP")
    @DisplayName("ENOS-UP-07 attributes updated per EC-11")
    default void attributesAreUpdatedPerEc11(Judge judge) {
        EnosMockServer server = judge.server();
        ConnectionSpec spec = Sessions.sm2(judge, server);
        Map<String, Object> attributes = Map.of("firmware", "1.2.3");
        Outcome<PublishResult> outcome = judge.call(Action.ATTRIBUTES, "update attributes " + attributes,
                a -> a.updateAttributes(spec, attributes));
        accepted(judge, server, spec, outcome, Topics.uplinkPath(UplinkKind.ATTRIBUTE_UPDATE, spec.device()));
        JsonNode firmware = server.deviceData(spec.device()).attribute("firmware").orElse(null);
        judge.check(firmware != null && "1.2.3".equals(firmware.asText()), "attribute firmware = 1.2.3",
                () -> "firmware = " + firmware);
    }

    private static void accepted(Judge judge, EnosMockServer server, ConnectionSpec spec, Outcome<?> outcome, String path) {
        judge.acceptedHandshake(server, spec, outcome);
        List<ExchangeEntry> requests = server.journal().exchanges(spec.device());
        judge.check(requests.stream().anyMatch(e -> Sessions.acceptedPost(e, path)),
                "POST " + path + " accepted (2.04, reply code 200)", () -> Sessions.words(requests) + "; " + outcome.describe());
    }

    private static boolean plausible(Instant t, Instant now) {
        return t.isAfter(Instant.parse("2000-01-01T00:00:00Z")) && t.isBefore(now.plus(Duration.ofDays(1)));
    }
}
