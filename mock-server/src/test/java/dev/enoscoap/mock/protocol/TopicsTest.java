package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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
}
