package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.data.DataLimits;
import dev.enoscoap.mock.data.DeviceDataStore;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.HandshakeOutcome;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import dev.enoscoap.mock.session.VirtualClock;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties over hostile input, with a fixed seed and a fixed number of tries so the build stays
 * fast and repeatable: no exception escapes the identity parser, the topic router, the uplink
 * check or the registry loader; every refusal names its rule; one device never touches another's
 * data; no journal line holds a raw control character.
 */
class HostileInputPropertiesTest {
    private static final String SEED = "20261126";
    private static final String INSERTS = "{}[],:\"0x\n\t";
    private static final DeviceId OWN = new DeviceId("pk", "dk");
    private final UplinkValidator validator = new UplinkValidator(8_192);

    @Property(tries = 400, seed = SEED)
    void theIdentityParserTakesAnyBytesAndNamesTheRuleItRefuses(@ForAll("identities") byte[] raw) {
        IdentityParseResult result = IdentityParser.parse(raw);
        if (result instanceof IdentityParseResult.Invalid invalid) {
            assertThat(invalid.rule()).isNotNull();
            assertThat(invalid.message()).contains(invalid.rule().name()).contains("EC-");
        } else {
            PskIdentity id = ((IdentityParseResult.Valid) result).identity();
            assertThat(String.join(",", id.productKey(), id.deviceKey(), String.valueOf(id.secureMode().code()),
                    Integer.toString(id.lifetimeSeconds()))).isEqualTo(result.received());
        }
    }

    @Property(tries = 400, seed = SEED)
    void theTopicRouterTakesAnyPathAndAnUplinkTopicIsOfThePathsOwnDevice(
            @ForAll("paths") List<String> path) {
        boolean device = Topics.isDeviceTopic(path);
        Topics.uplink(path).ifPresent(u -> {
            assertThat(device).isTrue();
            assertThat(u.device()).isEqualTo(Topics.deviceOf(path));
            assertThat(u.path()).isEqualTo("/" + String.join("/", path));
        });
        Topics.command(path).ifPresent(c -> assertThat(c.device()).isEqualTo(Topics.deviceOf(path)));
    }

    @Property(tries = 600, seed = SEED)
    void theUplinkCheckTakesAnyBodyNamesEveryRefusalsRuleAndNeverStoresAnotherDevicesData(
            @ForAll("uplinkTopics") Topics.Uplink topic, @ForAll("bodies") byte[] body) {
        UplinkCheck check = validator.check(topic, body);
        if (!check.accepted()) {
            assertThat(check.message()).as("refusal names the rule").contains("EC-");
            assertThat(check.code()).isNotEqualTo(ReplyCode.OK);
            assertThat(check.reply(null).get("code").intValue()).isEqualTo(check.code().code());
            return;
        }
        VirtualClock clock = new VirtualClock();
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS,
                new DropReport(new Journal(100, clock), clock, java.time.Duration.ofSeconds(10)));
        store.accept(topic, check, body);
        for (String other : List.of("other", "dk2", "DK", "dk ")) {
            var data = store.of(new DeviceId("pk", other));
            assertThat(data.measurePoints()).isEmpty();
            assertThat(data.history()).isEmpty();
        }
        if (topic.kind().batch()) {
            for (JsonNode entry : check.body().get("params")) {
                JsonNode dk = entry.get("deviceKey");
                assertThat(dk == null || OWN.deviceKey().equals(dk.textValue())).as("entry " + entry).isTrue();
            }
        }
    }

    @Property(tries = 2_000, seed = SEED)
    void aMeasurePointPostReadWithoutATreeIsJudgedAndStoredExactlyAsTheTreeDoes(
            @ForAll("measurePointTopics") Topics.Uplink topic, @ForAll("measurePointBodies") byte[] body) {
        UplinkCheck streamed = validator.check(topic, body);
        UplinkCheck tree = validator.checkWithTree(topic, body);
        assertThat(tree.plain()).isNull();
        assertThat(streamed.code()).isEqualTo(tree.code());
        assertThat(streamed.message()).isEqualTo(tree.message());
        assertThat(streamed.badRequest()).isEqualTo(tree.badRequest());
        assertThat(streamed.id()).isEqualTo(tree.id());
        Statistics.label("accepted").collect(tree.accepted());
        Statistics.label("read without a tree").collect(streamed.plain() != null);
        // Most bodies are hostile, and the tree refuses them: at least 100 of the 2,000 must be read the plain way.
        Statistics.label("read without a tree").coverage(c -> c.check(true).count(n -> n >= 100));
        if (streamed.plain() == null) {
            return;
        }
        assertThat(tree.accepted()).as("a body read without a tree is one the tree accepts").isTrue();
        VirtualClock clock = new VirtualClock();
        DeviceDataStore fromStream = new DeviceDataStore(clock, DataLimits.DEFAULTS,
                new DropReport(new Journal(100, clock), clock, java.time.Duration.ofSeconds(10)));
        DeviceDataStore fromTree = new DeviceDataStore(clock, DataLimits.DEFAULTS,
                new DropReport(new Journal(100, clock), clock, java.time.Duration.ofSeconds(10)));
        assertThat(fromStream.accept(topic, streamed, body)).isEqualTo(fromTree.accept(topic, tree, body));
        assertThat(fromStream.of(OWN)).isEqualTo(fromTree.of(OWN));
        assertThat(fromStream.bytesUsed()).isEqualTo(fromTree.bytesUsed());
        assertThat(streamed.replyJson(null)).isEqualTo(tree.replyJson(null));
    }

    @Property(tries = 300, seed = SEED)
    void theRegistryLoaderTakesAnyFileAndNamesTheFileAndRuleItRefuses(@ForAll("registries") String json) {
        try {
            Registry registry = Registry.read("fuzz.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(registry.products()).isNotNull();
        } catch (RegistryException e) {
            assertThat(e.getMessage()).startsWith("registry fuzz.json");
        }
    }

    @Property(tries = 400, seed = SEED)
    void everyJournalLineIsOneLineWhateverItsFieldsHold(@ForAll @Size(max = 6) List<@net.jqwik.api.constraints.StringLength(max = 40) String> texts) {
        String a = texts.isEmpty() ? "" : texts.get(0);
        String b = texts.size() < 2 ? "x" : texts.get(1) + "x";
        PskIdentity identity = new PskIdentity("pk" + a, "dk" + b, SecureMode.DEVICE_SECRET, 60);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5683);
        Instant t = Instant.EPOCH;
        List<JournalEntry> entries = List.of(
                new HandshakeEntry(1, t, peer, a + "," + b, identity, null, HandshakeOutcome.REFUSED,
                        RefusalReason.BAD_IDENTITY, IdentityRule.FIELD_COUNT, "detail " + a, false, 0xFEFD,
                        List.of(b)),
                new ExchangeEntry(2, t, peer, identity, "GET", "/" + a + "/" + b, true, 1, a, -1, 0, "4.04", -1, 0, -1,
                        b, "/topic/" + a, "note " + b),
                new StateChange(3, t, new DeviceId("pk" + a, "dk" + b), StateChange.Kind.ONLINE, a),
                new ServerEvent(4, t, ServerEvent.Kind.SUPPRESSED, a + "w", null, 3, b));
        for (JournalEntry e : entries) {
            String line = e.describe();
            assertThat(LogText.hasControl(line)).as(line).isFalse();
            assertThat(line.lines().count()).isEqualTo(1);
        }
    }

    @Provide
    Arbitrary<byte[]> identities() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(1_100);
        Arbitrary<byte[]> shaped = Arbitraries.strings().all().ofMaxLength(12).list().ofMinSize(1).ofMaxSize(6)
                .map(l -> String.join(",", l).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nearlyValid = Arbitraries.of("pk,dk,2,60", "pk,dk,3,86400", "pk,dk,2,29", "pk,,2,60",
                "pk,dk,02,60", "pk,dk,2,060", "pk,dk,2,1e3", "pk,dk,2,99999999999999999999", "pk,dk\n,2,60")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, shaped, nearlyValid);
    }

    @Provide
    Arbitrary<List<String>> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("topic", "sys", "ext", "session", "pk", "dk", "",
                "thing", "measurepoint", "post", "batch", "resume", "event", "attribute", "update", "query", "delete",
                "model", "up_raw", "down_raw", "service", "set", "get", "set_reply", "down_raw_reply", "activate", "info"),
                Arbitraries.strings().all().ofMaxLength(8));
        return segment.list().ofMaxSize(10).map(l -> {
            if (l.size() >= 2 && l.hashCode() % 3 != 0) {
                l.set(0, "topic");
                l.set(1, "sys");
            }
            return l;
        });
    }

    @Provide
    Arbitrary<Topics.Uplink> uplinkTopics() {
        return Arbitraries.of(UplinkKind.values()).map(kind -> new Topics.Uplink(kind, OWN,
                kind == UplinkKind.EVENT_POST ? "alarm" : null));
    }

    @Provide
    Arbitrary<Topics.Uplink> measurePointTopics() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(4, UplinkKind.MEASUREPOINT_POST),
                net.jqwik.api.Tuple.of(1, UplinkKind.MEASUREPOINT_RESUME)).map(kind -> new Topics.Uplink(kind, OWN, null));
    }

    /**
     * Measure point posts, most of them well formed, with the turns a reader without a tree could take
     * differently from a tree: repeated members and names, members in any order, unknown members,
     * whitespace, content after the object, values with a quality or a structure. One in three
     * draws its values and names from every kind of string and number; the others mostly from
     * those written in plain ASCII, which the reader without a tree takes, near its edges.
     */
    @Provide
    Arbitrary<byte[]> measurePointBodies() {
        return Arbitraries.randomValue(r -> {
            boolean wild = r.nextInt(3) == 0;
            List<String> members = new java.util.ArrayList<>(List.of(
                    "\"id\":" + pick(r, "\"1\"", "\"1\"", "\"1\"", "7", "-0", "12345678901234567890", "1.5", "null", "\"\\u00e9\\n\""),
                    "\"version\":" + pick(r, "\"1.0\"", "\"1.0\"", "\"1.0\"", "\"1.0\"", "\"1.0\"", "\"2.0\"", "1.0"),
                    "\"method\":" + pick(r, "\"thing.measurepoint.post\"", "\"thing.measurepoint.post\"",
                            "\"thing.measurepoint.post\"", "\"thing.measurepoint.post\"", "\"thing.measurepoint.post\"",
                            "\"thing.measurepoint.resume\"", "\"thing.measurepoint.post.batch\"", "7"),
                    "\"params\":" + measurePointParams(r, wild)));
            for (int i = r.nextInt(8) == 0 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
                members.add(pick(r, "\"id\":\"2\"", "\"version\":\"1.0\"", "\"params\":{\"measurepoints\":{}}",
                        "\"extra\":" + plainOrNot(r, wild), "\"sign\":\"abc\""));
            }
            if (r.nextInt(10) == 0) {
                members.remove(r.nextInt(members.size()));
            }
            if (r.nextInt(3) == 0) {
                java.util.Collections.shuffle(members, r);
            }
            String sep = pick(r, ",", ",", ", ", "\n,\t", "\r\n,");
            return ("{" + String.join(sep, members) + "}" + (r.nextInt(10) > 0 ? pick(r, "", " ", "\n") : pick(r, " x", "{}", "]")))
                    .getBytes(StandardCharsets.UTF_8);
        });
    }

    private static String measurePointParams(Random r, boolean wild) {
        List<String> points = new java.util.ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            String name = wild ? pick(r, "temp", "humidity", "a b", "\\u0000", "p" + i) : pick(r, "temp", "humidity", "a b", "p" + i);
            points.add("\"" + name + "\":" + plainOrNot(r, wild));
        }
        List<String> members = new java.util.ArrayList<>(List.of("\"measurepoints\":{" + String.join(",", points) + "}"));
        if (r.nextBoolean()) {
            members.add("\"time\":" + (r.nextInt(5) > 0 ? pick(r, "1700000000000", "0", "-1")
                    : pick(r, "1.5", "\"now\"", "12345678901234567890", "null")));
        }
        if (r.nextInt(6) == 0) {
            members.add(pick(r, "\"time\":1", "\"measurepoints\":{\"x\":1}", "\"other\":true", "\"other\":{\"a\":1}"));
        }
        if (r.nextInt(15) == 0) {
            members.clear();
        }
        java.util.Collections.shuffle(members, r);
        return r.nextInt(20) == 0 ? pick(r, "[]", "null", "{\"measurepoints\":[]}") : "{" + String.join(",", members) + "}";
    }

    private static String plainOrNot(Random r, boolean wild) {
        if (r.nextInt(12) > 0 && !wild) {
            return pick(r, "1", "-0", "21.5", "40", "1e2", "0.1e-400", "2147483648", "\"text\"", "true", "false", "null",
                    "-0.0", "1E+2", "0.5e-3", "2147483647", "-2147483648", "-2147483649", "999999999999999999",
                    "1000000000000000000", "\"a/b c\"", "0");
        }
        return r.nextInt(12) > 0
                ? pick(r, "1", "-0", "21.5", "40", "1e2", "0.1e-400", "12345678901234567890", "2147483648", "\"text\"",
                        "\"\\u2028\"", "\"\\ud83d\\ude00\"", "\"\u00e9\"", "true", "false", "null", "-0.0", "1E+2",
                        "0.5e-3", "2147483647", "-2147483648", "-2147483649", "999999999999999999", "1000000000000000000",
                        "0.12345678901234567", "\"a/b c\"", "\"\u007f\"", "\"\\\"\"", "0")
                : pick(r, "1e999999", "-1e999999", "1".repeat(70), "{\"value\":1,\"quality\":2}", "{\"value\":1}", "[1,2]",
                        "{}", "\"\\ud800\"", "NaN", "01", "1.", ".5", "+1", "-", "tru", "truex", "nul", "1 2", "\"a\tb\"");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> json = Arbitraries.randomValue(r -> enosBody(r).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(4, json));
    }

    @Provide
    Arbitrary<String> registries() {
        String good = "{\"products\":[{\"productKey\":\"pk\",\"productSecret\":\"ps\",\"dynamicActivation\":true,"
                + "\"devices\":[{\"deviceKey\":\"dk\",\"deviceSecret\":\"s\",\"assetId\":\"a\"}]}]}";
        Arbitrary<String> mutated = Arbitraries.randomValue(r -> {
            StringBuilder sb = new StringBuilder(good);
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, INSERTS.charAt(r.nextInt(INSERTS.length())));
                    default -> sb.setCharAt(at, (char) r.nextInt(128));
                }
            }
            return sb.toString();
        });
        Arbitrary<String> shapes = Arbitraries.of("", "null", "[]", "{}", "{\"products\":null}", "{\"products\":[1]}",
                "{\"products\":[{\"productKey\":\"\"}]}", "{\"products\":[{\"productKey\":\"a,b\"}]}",
                "{\"products\":[{\"productKey\":\"p\",\"devices\":[{\"deviceKey\":\"d\"},{\"deviceKey\":\"d\"}]}]}",
                "{\"products\":[{\"productKey\":\"p\",\"devicesecret\":\"x\"}]}", "[".repeat(5_000));
        return Arbitraries.oneOf(mutated, shapes, Arbitraries.strings().all().ofMaxLength(40));
    }

    /** A body close to an EnOS uplink, with the problems an attacker would try. */
    private static String enosBody(Random r) {
        String method = r.nextInt(5) == 0 ? "thing.x" : pick(r, "thing.measurepoint.post", "thing.measurepoint.post.batch",
                "thing.measurepoint.resume", "thing.measurepoint.resume.batch", "thing.event.alarm.post",
                "thing.attribute.update", "thing.attribute.query", "thing.attribute.delete");
        String params;
        if (method.endsWith("batch")) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = r.nextInt(4); i >= 0; i--) {
                String dk = pick(r, "", ",\"deviceKey\":\"dk\"", ",\"deviceKey\":\"other\"", ",\"deviceKey\":7",
                        ",\"deviceKey\":null", ",\"productKey\":\"pk\",\"deviceKey\":\"dk\"", ",\"productKey\":\"zz\"");
                sb.append(i < 3 && sb.length() > 1 ? "," : "").append("{\"measurepoints\":").append(value(r, 0, true))
                        .append(dk).append('}');
            }
            params = sb.append(']').toString().replace("[,", "[");
        } else if (method.contains("attribute.query") || method.contains("attribute.delete")) {
            params = "{\"attributes\":" + pick(r, "[]", "[\"a\"]", "[1]", "{}", "[\"\\u0000\"]") + "}";
        } else {
            String member = method.contains("event") ? "events" : method.contains("attribute") ? "attributes" : "measurepoints";
            params = "{\"" + member + "\":" + value(r, 0, true) + (r.nextBoolean() ? ",\"time\":" + value(r, 3, false) : "")
                    + "}";
        }
        String id = pick(r, "\"1\"", "1", "1.5", "null", "{}", "\"\\n\"");
        return "{\"id\":" + id + ",\"version\":" + pick(r, "\"1.0\"", "\"2.0\"", "1") + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}";
    }

    private static String value(Random r, int depth, boolean object) {
        if (object || (depth < 40 && r.nextInt(4) == 0)) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = r.nextInt(4); i > 0; i--) {
                sb.append(sb.length() > 1 ? "," : "").append('"').append(pick(r, "temp", "p\\n", "\\u0000", "a b", "x" + i))
                        .append("\":").append(value(r, depth + 1, false));
            }
            return sb.append('}').toString();
        }
        if (depth < 40 && r.nextInt(6) == 0) {
            return "[" + value(r, depth + 1, false) + "]";
        }
        return pick(r, "1", "-0", "21.5", "1e999999", "-1e999999", "1".repeat(70), "\"text\"", "\"\\u2028\"", "true",
                "null", "12345678901234567890", "0.1e-400");
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
