package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The path builders, identity helpers and response codes the conformance kit builds on. */
class PathsAndCodesTest {
    private final DeviceId imei = new DeviceId("demoProduct", "860123456789012");

    @Test
    void activationAndUplinkPathsOfADevice() {
        assertThat(Topics.activationPath(imei)).isEqualTo("/topic/ext/session/demoProduct/860123456789012/thing/activate/info");
        assertThat(Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST_BATCH, imei))
                .isEqualTo("/topic/sys/demoProduct/860123456789012/thing/measurepoint/post/batch");
        assertThat(Topics.eventPath(imei, "overheat")).isEqualTo("/topic/sys/demoProduct/860123456789012/thing/event/overheat/post");
        assertThatThrownBy(() -> Topics.uplinkPath(UplinkKind.EVENT_POST, imei)).hasMessageContaining("eventPath");
    }

    @Test
    void anUplinkIsReadFromItsPath() {
        assertThat(Topics.uplink("/topic/sys/pk/dk/thing/attribute/update")).map(Topics.Uplink::kind)
                .contains(UplinkKind.ATTRIBUTE_UPDATE);
        assertThat(Topics.uplink("/topic/ext/session/pk/dk/thing/activate/info")).isEmpty();
    }

    @Test
    void identitiesAreFormattedAndSplitLiterally() {
        assertThat(PskIdentity.format("pk", "dk", 2, 29)).isEqualTo("pk,dk,2,29");
        assertThat(PskIdentity.fields("pk, dk,2,")).containsExactly("pk", " dk", "2", "");
    }

    @Test
    void responseCodesCompareByTheirText() {
        assertThat(ResponseCode.CONTENT.is("2.05")).isTrue();
        assertThat(ResponseCode.of("4.04")).contains(ResponseCode.NOT_FOUND);
        assertThat(ResponseCode.of("4.13")).isEmpty();
        assertThat(ResponseCode.isSuccess("2.04")).isTrue();
        assertThat(ResponseCode.INTERNAL_SERVER_ERROR.success()).isFalse();
        assertThat(ResponseCode.FORBIDDEN).hasToString("4.03 Forbidden");
    }
}
