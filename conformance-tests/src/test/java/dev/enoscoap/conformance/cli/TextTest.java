package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void controlsLineSeparatorsAndBidirectionalOverridesAreEscaped() {
        assertThat(Text.escape("a\tb\u001b[31m\u202Eevil\u2028x")).isEqualTo("a\\tb\\x1b[31m\\u202eevil\\u2028x");
        assertThat(Text.escape("plain: é, 中文")).isEqualTo("plain: é, 中文");
    }
}
