package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The flags that bound connections and deduplication: listed in the help, and bad values name the flag and the rule. */
class LimitFlagsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--max-connections=0 | --max-connections: max connections must be at least 1, was 0",
        "--max-connections=many | Invalid value for option '--max-connections'",
        "--stale-connection-seconds=0 | --stale-connection-seconds: stale connection threshold must be at least 1 s, was 0 ms",
        "--deduplicator=sometimes | --deduplicator: 'sometimes' is not a deduplicator; choose peers, mark-and-sweep, crop-rotation or off",
        "--dedup-per-peer=3 | --dedup-per-peer: deduplication per peer must be at least 4 messages, was 3",
        "--exchange-lifetime=0 | --exchange-lifetime: exchange lifetime must be at least 1 s, was 0 ms"})
    void badValueExitsWith2AndSaysWhy(String flag, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MockServerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), flag, "--port=0");
        assertThat(code).isEqualTo(MockServerCommand.EXIT_USAGE);
        assertThat(err.toString()).contains(message);
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void helpListsTheFlagsWithTheirDefaults() {
        StringWriter out = new StringWriter();
        int code = MockServerCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
        assertThat(code).isZero();
        // picocli wraps the descriptions; compare with the white space collapsed
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--max-connections=N", "--stale-connection-seconds=SECONDS",
                "--deduplicator=MODE", "--dedup-per-peer=N", "--exchange-lifetime=SECONDS", "(default: 20000)",
                "(default: peers)", "(default: 64)", "(default: 247");
    }
}
