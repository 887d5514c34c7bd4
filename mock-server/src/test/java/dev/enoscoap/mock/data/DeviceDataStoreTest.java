package dev.enoscoap.mock.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeviceDataStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VirtualClock clock = new VirtualClock();
    private final Journal journal = new Journal(1_000, clock);
    private final DropReport drops = new DropReport(journal, clock, Duration.ofSeconds(10));

    private static Topics.Uplink topic(String dk, String tail) {
        return Topics.uplink(Arrays.asList(("topic/sys/pk/" + dk + "/" + tail).split("/"))).orElseThrow();
    }

    private static JsonNode body(String method, String params) throws Exception {
        return JSON.readTree("{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    private static String points(int from, int to) {
        StringBuilder sb = new StringBuilder("{\"measurepoints\":{");
        for (int i = from; i < to; i++) {
            sb.append(i > from ? "," : "").append("\"p").append(i).append("\":").append(i);
        }
        return sb.append("}}").toString();
    }

    @Test
    void newMeasurePointNamesBeyondThePerDeviceLimitAreRefusedWith1204AndNothingIsStored() throws Exception {
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS.withMeasurePointsPerDevice(100), drops);
        Topics.Uplink post = topic("dk", "thing/measurepoint/post");
        assertThat(store.accept(post, body("thing.measurepoint.post", points(0, 90)), null).accepted()).isTrue();
        DeviceDataStore.Stored refused = store.accept(post, body("thing.measurepoint.post", points(80, 120)), null);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.refusal()).isEqualTo(ReplyCode.MODEL_VALIDATION_FAILED);
        assertThat(refused.message()).contains("90 measure points", "adds 30 more", "at most 100", "limit measure-points");
        DeviceData data = store.of(new DeviceId("pk", "dk"));
        assertThat(data.measurePoints()).hasSize(90);
        assertThat(data.measurePoint("p85")).get().satisfies(mp -> assertThat(mp.value().intValue()).isEqualTo(85));
        assertThat(data.history()).hasSize(1);
        // Updating known names is always fine.
        assertThat(store.accept(post, body("thing.measurepoint.post", points(0, 90)), null).accepted()).isTrue();
        // Another device has its own budget of names.
        assertThat(store.accept(topic("other", "thing/measurepoint/post"), body("thing.measurepoint.post", points(0, 100)),
                null).accepted()).isTrue();
    }

    @Test
    void attributesAreBoundedPerDeviceToo() throws Exception {
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS.withAttributesPerDevice(2), drops);
        Topics.Uplink update = topic("dk", "thing/attribute/update");
        assertThat(store.accept(update, body("thing.attribute.update", "{\"attributes\":{\"a\":1,\"b\":2}}"), null)
                .accepted()).isTrue();
        DeviceDataStore.Stored refused = store.accept(update, body("thing.attribute.update", "{\"attributes\":{\"c\":3}}"), null);
        assertThat(refused.refusal()).isEqualTo(ReplyCode.MODEL_VALIDATION_FAILED);
        assertThat(refused.message()).contains("limit attributes");
        assertThat(store.of(new DeviceId("pk", "dk")).attributes()).containsOnlyKeys("a", "b");
    }

    @Test
    void historyAndEventsKeepTheNewestPerDeviceAndTheTotalDropsTheOldestOfAnyDevice() throws Exception {
        DataLimits limits = DataLimits.DEFAULTS.withHistoryPerDevice(5).withEventsPerDevice(3).withTotalBytes(64 * 1024);
        DeviceDataStore store = new DeviceDataStore(clock, limits, drops);
        for (int i = 0; i < 10; i++) {
            store.accept(topic("dk", "thing/event/alarm/post"), body("thing.event.alarm.post", "{\"events\":{\"n\":" + i + "}}"),
                    null);
        }
        DeviceData data = store.of(new DeviceId("pk", "dk"));
        assertThat(data.history()).hasSize(5);
        assertThat(data.events()).extracting(e -> e.values().get("n").intValue()).containsExactly(7, 8, 9);

        // Many devices, each within its own limit, together over the total: the oldest go first.
        store.accept(topic("d0", "thing/measurepoint/post"), body("thing.measurepoint.post", points(0, 1)), null);
        byte[] raw = new byte[4_000];
        for (int d = 0; d < 40; d++) {
            assertThat(store.accept(topic("d" + d, "thing/model/up_raw"), (JsonNode) null, raw).accepted()).isTrue();
        }
        assertThat(store.bytesUsed()).isLessThanOrEqualTo(limits.totalBytes());
        assertThat(store.of(new DeviceId("pk", "d0")).history()).as("oldest history dropped").isEmpty();
        assertThat(store.of(new DeviceId("pk", "d39")).history()).hasSize(1);
        assertThat(store.of(new DeviceId("pk", "d0")).measurePoint("p0")).as("latest values are kept").isPresent();
        assertThat(drops.total("total-bytes")).isPositive();
    }

    @Test
    void whenLatestValuesAloneFillTheTotalAnUplinkIsRefusedWith1008() throws Exception {
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS.withTotalBytes(64 * 1024), drops);
        String big = "{\"measurepoints\":{\"blob\":\"" + "x".repeat(6_000) + "\"}}";
        int stored = 0;
        DeviceDataStore.Stored last = null;
        for (int d = 0; d < 20; d++) {
            last = store.accept(topic("d" + d, "thing/measurepoint/post"), body("thing.measurepoint.post", big), null);
            stored += last.accepted() ? 1 : 0;
        }
        assertThat(stored).isBetween(5, 12);
        assertThat(last.refusal()).isEqualTo(ReplyCode.MESSAGE_TOO_LARGE);
        assertThat(last.message()).contains("limit total-bytes");
        assertThat(store.bytesUsed()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void dropsAreJournaledOnceAtFirstAndThenAsOneSummaryPerInterval() throws Exception {
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS.withHistoryPerDevice(2), drops);
        for (int i = 0; i < 50; i++) {
            store.accept(topic("dk", "thing/measurepoint/post"), body("thing.measurepoint.post", points(0, 1)), null);
        }
        assertThat(journal.entries()).singleElement().satisfies(e -> assertThat(e.describe())
                .contains("LIMIT_REACHED history device=pk/dk count=1", "keeps at most 2 uplinks"));
        drops.flush();
        assertThat(journal.entries()).hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        drops.flush();
        assertThat(journal.entries(ServerEvent.class, e -> true)).hasSize(2).last()
                .satisfies(e -> assertThat(e.count()).isEqualTo(47));
        assertThat(drops.total("history")).isEqualTo(48);
    }

    /**
     * Many devices, random raw uplinks, small limits: what each device keeps, and the bytes counted,
     * are what a plain model keeps. The model drops a device's oldest record when the device is at
     * its history limit, and the oldest record of all devices while the total would be passed.
     */
    @Test
    void keepsWhatAPlainModelOfBothLimitsKeeps() {
        int perDevice = 40;
        long total = 64 * 1024;
        DeviceDataStore store = new DeviceDataStore(clock, DataLimits.DEFAULTS.withHistoryPerDevice(perDevice)
                .withTotalBytes(total), drops);
        record Held(int device, byte[] raw, int weight) {
        }
        java.util.List<java.util.ArrayDeque<Held>> perDeviceModel = new java.util.ArrayList<>();
        java.util.ArrayDeque<Held> allModel = new java.util.ArrayDeque<>();
        java.util.Set<Held> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long bytes = 0;
        java.util.Random r = new java.util.Random(7);
        int devices = 30;
        for (int d = 0; d < devices; d++) {
            perDeviceModel.add(new java.util.ArrayDeque<>());
        }
        for (int step = 0; step < 30_000; step++) {
            // Some devices are much busier than others, so that both limits drop records.
            int d = r.nextInt(4) == 0 ? r.nextInt(devices) : r.nextInt(3);
            Topics.Uplink raw = topic("d" + d, "thing/model/up_raw");
            byte[] payload = new byte[1 + r.nextInt(r.nextInt(50) == 0 ? 6_000 : 200)];
            r.nextBytes(payload);
            Held h = new Held(d, payload, payload.length + raw.path().length() * 2 + DeviceDataStore.ITEM_OVERHEAD);
            while (bytes + h.weight() > total && !allModel.isEmpty()) {
                Held oldest = allModel.removeFirst();
                if (gone.add(oldest)) {
                    perDeviceModel.get(oldest.device()).removeFirst();
                    bytes -= oldest.weight();
                }
            }
            java.util.ArrayDeque<Held> mine = perDeviceModel.get(d);
            if (mine.size() >= perDevice) {
                Held oldest = mine.removeFirst();
                gone.add(oldest);
                bytes -= oldest.weight();
            }
            mine.addLast(h);
            allModel.addLast(h);
            bytes += h.weight();
            assertThat(store.accept(raw, (JsonNode) null, payload).accepted()).isTrue();
            assertThat(store.bytesUsed()).as("step " + step).isEqualTo(bytes).isLessThanOrEqualTo(total);
            if (step % 1_000 == 999) {
                for (int k = 0; k < devices; k++) {
                    assertThat(store.of(new DeviceId("pk", "d" + k)).history()).extracting(UplinkRecord::raw)
                            .as("device d" + k + " at step " + step)
                            .containsExactlyElementsOf(perDeviceModel.get(k).stream().map(Held::raw).toList());
                }
            }
        }
    }
}
