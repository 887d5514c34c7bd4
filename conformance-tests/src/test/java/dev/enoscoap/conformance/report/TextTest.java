package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    /** U+202E would show "evil" as "live"; U+2028 would start a line of its own in a report. */
    @Test
    void bidirectionalOverridesAndLineSeparatorsAreShownAsReplacements() {
        assertThat(Text.visible("ok \u202Elive\u202C\u2028next\u2066x\u2069"))
                .isEqualTo("ok \uFFFDlive\uFFFD\uFFFDnext\uFFFDx\uFFFD");
        assertThat(Text.visible("plain: é, 中文, 😀")).isEqualTo("plain: é, 中文, 😀");
    }
}
