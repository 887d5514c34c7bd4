package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void splitsLikeAShellAndFillsWordByWord() {
        CommandTemplate t = CommandTemplate.parse("run  'my shim.sh' {action} --json \"{payload}\" --id={identity} a\\ b ''");

        assertThat(t.render(Map.of("action", "report", "payload", "{\"temp\": 21.5}", "identity", "p,d,2,60")))
                .containsExactly("run", "my shim.sh", "report", "--json", "{\"temp\": 21.5}", "--id=p,d,2,60", "a b", "");
    }

    @Test
    void aValueWithBlanksAndQuotesStaysOneWord() {
        CommandTemplate t = CommandTemplate.parse("c --secret {secret}");

        assertThat(t.render(Map.of("secret", "it's a \"secret\" $HOME"))).containsExactly("c", "--secret",
                "it's a \"secret\" $HOME");
    }

    @Test
    void aMissingValueIsEmpty() {
        assertThat(CommandTemplate.parse("c {suites}").render(Map.of())).containsExactly("c", "");
    }

    @Test
    void unknownPlaceholderIsNamed() {
        assertThatThrownBy(() -> CommandTemplate.parse("c {host} {prot}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder {prot}").hasMessageContaining("port");
    }

    @Test
    void unbalancedQuotesAreErrors() {
        assertThatThrownBy(() -> CommandTemplate.parse("c 'open")).hasMessageContaining("unbalanced single quote");
        assertThatThrownBy(() -> CommandTemplate.parse("c \"open")).hasMessageContaining("unbalanced double quote");
        assertThatThrownBy(() -> CommandTemplate.parse("  ")).hasMessageContaining("empty");
    }
}
