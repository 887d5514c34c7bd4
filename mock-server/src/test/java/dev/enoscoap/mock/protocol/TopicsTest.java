package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    private static List<String> segments(String path) {
        return Arrays.asList(path.substring(1).split("/"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/topic/sys/pk/dk/thing/measurepoint/post, MEASUREPOINT_POST, thing.measurepoint.post",
        "/topic/sys/pk/dk/thing/measurepoint/post/batch, MEASUREPOINT_POST_BATCH, thing.measurepoint.post.batch",
        "/topic/sys/pk/dk/thing/measurepoint/resume, MEASUREPOINT_RESUME, thing.measurepoint.resume",
        "/topic/sys/pk/dk/thing/measurepoint/resume/batch, MEASUREPOINT_RESUME_BATCH, thing.measurepoint.resume.batch",
        "/topic/sys/pk/dk/thing/event/overheat/post, EVENT_POST, thing.event.overheat.post",
        "/topic/sys/pk/dk/thing/attribute/update, ATTRIBUTE_UPDATE, thing.attribute.update",
        "/topic/sys/pk/dk/thing/attribute/query, ATTRIBUTE_QUERY, thing.attribute.query",
        "/topic/sys/pk/dk/thing/attribute/delete, ATTRIBUTE_DELETE, thing.attribute.delete",
        "/topic/sys/pk/dk/thing/model/up_raw, UP_RAW, "})
    void readsEveryUplinkTopicOfTheCatalogue(String path, UplinkKind kind, String method) {
        Topics.Uplink topic = Topics.uplink(segments(path)).orElseThrow();
        assertThat(topic.kind()).isEqualTo(kind);
        assertThat(topic.method()).isEqualTo(method);
        assertThat(topic.device()).isEqualTo(new DeviceId("pk", "dk"));
        assertThat(topic.path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/topic/sys/pk/dk/thing/measurepoint",
        "/topic/sys/pk/dk/thing/measurepoint/post/extra",
        "/topic/sys/pk/dk/thing/event//post",
        "/topic/sys/pk/dk/thing/attribute/upsert",
        "/topic/sys/pk/dk/measurepoint/post",
        "/topic/ext/pk/dk/thing/measurepoint/post"})
    void rejectsPathsOutsideTheCatalogue(String path) {
        assertThat(Topics.uplink(segments(path))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/topic/sys/pk/dk/thing/service/measurepoint/set, MEASUREPOINT_SET, , false",
        "/topic/sys/pk/dk/thing/service/measurepoint/set_reply, MEASUREPOINT_SET, , true",
        "/topic/sys/pk/dk/thing/service/measurepoint/get, MEASUREPOINT_GET, , false",
        "/topic/sys/pk/dk/thing/service/reboot, SERVICE, reboot, false",
        "/topic/sys/pk/dk/thing/service/reboot_reply, SERVICE, reboot, true",
        "/topic/sys/pk/dk/thing/model/down_raw, DOWN_RAW, , false",
        "/topic/sys/pk/dk/thing/model/down_raw_reply, DOWN_RAW, , true"})
    void readsCommandAndReplyTopics(String path, CommandKind kind, String identifier, boolean reply) {
        Topics.Command topic = Topics.command(segments(path)).orElseThrow();
        assertThat(topic.kind()).isEqualTo(kind);
        assertThat(topic.identifier()).isEqualTo(identifier);
        assertThat(topic.reply()).isEqualTo(reply);
        assertThat(topic.path()).isEqualTo(path);
    }

    @Test
    void readsTheActivationPathAndTheDeviceItNames() {
        DeviceId dev = new DeviceId("pk", "dk");
        String path = Topics.activationPath(dev);
        assertThat(path).isEqualTo("/topic/ext/session/pk/dk/thing/activate/info");
        assertThat(Topics.isActivationPath(segments(path))).isTrue();
        assertThat(Topics.activationDevice(segments(path))).contains(dev);
        assertThat(Topics.activationDevice(segments("/topic/ext/session//dk/thing/activate/info"))).isEmpty();
        assertThat(Topics.isActivationPath(segments("/topic/sys/pk/dk/thing/activate/info"))).isFalse();
        assertThat(Topics.asksForActivation("/topic/ext/session/dk/pk/thing/activate/info")).isTrue();
        assertThat(Topics.asksForActivation("/topic/sys/pk/dk/thing/measurepoint/post")).isFalse();
    }

    @Test
    void writesPathsAndTopicsOneWayEverywhere() {
        DeviceId dev = new DeviceId("pk", "dk");
        assertThat(Topics.uplinkPathOfMethod(dev, "thing.measurepoint.post"))
                .isEqualTo(Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, dev));
        assertThat(Topics.uplinkPathOfMethod(dev, "thing.event.overheat.post")).isEqualTo(Topics.eventPath(dev, "overheat"));
        assertThatThrownBy(() -> Topics.uplinkPathOfMethod(dev, "measurepoint.post"))
                .hasMessageContaining("'measurepoint.post' is not an EnOS uplink method").hasMessageContaining("EC-11");
        Topics.Command set = new Topics.Command(CommandKind.MEASUREPOINT_SET, dev, null, false);
        assertThat(set.topic()).isEqualTo("/sys/pk/dk/thing/service/measurepoint/set");
        assertThat(set.replyTopic().path()).isEqualTo(Topics.replyPath(set.path()))
                .isEqualTo("/topic/sys/pk/dk/thing/service/measurepoint/set_reply");
        assertThat(Topics.coapPath("sys/pk/dk/thing/model/up_raw")).isEqualTo(Topics.coapPath("/topic/sys/pk/dk/thing/model/up_raw"))
                .isEqualTo(Topics.uplinkPath(UplinkKind.UP_RAW, dev));
        assertThat(Topics.enosTopic(Topics.uplinkPath(UplinkKind.UP_RAW, dev))).isEqualTo("/sys/pk/dk/thing/model/up_raw")
                .isEqualTo(new Topics.Uplink(UplinkKind.UP_RAW, dev, null).topic());
        assertThat(UplinkKind.EVENT_POST.method("overheat")).isEqualTo("thing.event.overheat.post");
    }
}
