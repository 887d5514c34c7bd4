package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.suite.Catalogue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner in-process: its exit code follows the verdicts, and it writes the reports. */
class ConformanceRunnerTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ConformanceRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private JsonNode purpose(JsonNode report, String id) {
        for (JsonNode p : report.get("purposes")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError(id + " not in the report");
    }

    @Test
    void libcoapShimPassesTheGateWithExit0() throws Exception {
        String template = LibcoapShim.template(dir);
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", template, "--report", reports.toString(), "--client-name", "libcoap",
                "--capabilities", LibcoapShim.CAPABILITIES);
        int purposes = Catalogue.load().all().size();

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isZero();
        assertThat(out.toString())
                .containsPattern("ENOS-KEY-01 +MUST +PASS")
                .containsPattern("ENOS-DOWN-01 +MUST +NOT APPLICABLE +not applicable: libcoap does not declare DOWNLINK")
                .containsPattern("ENOS-ROB-03 +MUST +NOT APPLICABLE")
                .contains((purposes - 3) + " pass, 0 fail, 0 inconclusive, 3 not applicable, 0 not run")
                .contains("gate: PASSED (exit 0)");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        assertThat(json.at("/summary/gate").asText()).isEqualTo("PASSED");
        assertThat(json.at("/client/name").asText()).isEqualTo("libcoap");
        assertThat(json.get("purposes")).hasSize(purposes);
        assertThat(purpose(json, "ENOS-ACT-04").get("tests").asInt()).isEqualTo(4);
        assertThat(Files.readString(reports.resolve("conformance-report.html"))).contains("<td class=\"c-id\"><code>ENOS-ROB-03");
    }

    @Test
    void wrongKeyFailsKey01AndTheGateWithExit1() throws Exception {
        String template = LibcoapShim.wrongKeyTemplate(dir);
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", template, "--report", reports.toString(), "--areas", "KEY", "--timeout", "20");

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isEqualTo(1);
        assertThat(out.toString()).containsPattern("ENOS-KEY-01 +MUST +FAIL +ENOS-KEY-01 · ")
                .containsPattern("ENOS-KEY-02 +MUST +FAIL +ENOS-KEY-02 · ")
                .containsPattern("ENOS-DTLS-01 +MUST +NOT RUN")
                .contains("0 pass, 2 fail, 0 inconclusive, 0 not applicable, " + (Catalogue.load().all().size() - 2)
                        + " not run")
                .contains("gate: FAILED (exit 1)");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        JsonNode key01 = purpose(json, "ENOS-KEY-01");
        assertThat(key01.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(key01.get("evidence").asText()).contains("key mismatch").contains("KEY_MISMATCH");
        assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");
        assertThat(Files.readString(reports.resolve("conformance-report.html")))
                .contains("<span class=\"badge v-FAIL\">FAIL</span>");
    }

    @Test
    void purposesSelectThemAndThePurposesTheyNeed() throws Exception {
        Path reports = dir.resolve("reports");
        int exit = run("--client-cmd", LibcoapShim.wrongKeyTemplate(dir), "--report", reports.toString(),
                "--purposes", "enos-key-01", "--timeout", "20");

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isEqualTo(1);
        assertThat(out.toString()).containsPattern("ENOS-ID-01 +MUST +PASS").containsPattern("ENOS-KEY-01 +MUST +FAIL")
                .containsPattern("ENOS-KEY-02 +MUST +NOT RUN");
    }

    @Test
    void anUnknownPurposeIsABadOption() {
        assertThat(run("--client-cmd", "true {action}", "--purposes", "ENOS-KEY-01,ENOS-NOPE-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--purposes: unknown purpose 'ENOS-NOPE-01'");
    }

    @Test
    void missingClientCommandIsABadOption() {
        assertThat(run("--report", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--client-cmd=TEMPLATE'");
    }

    @Test
    void unknownAreaIsABadOptionNamingTheKnownOnes() {
        assertThat(run("--client-cmd", "true {action}", "--areas", "KEY,NOPE")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown area 'NOPE'").contains("DTLS").contains("ROB");
    }

    @Test
    void unknownPlaceholderIsABadOption() {
        assertThat(run("--client-cmd", "my-client {action} {hots}")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown placeholder {hots}");
    }

    @Test
    void unknownCapabilityIsABadOption() {
        assertThat(run("--client-cmd", "my-client {action}", "--capabilities", "UPLINK,TELEPATHY")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown capability 'TELEPATHY'");
        assertThat(Files.exists(dir.resolve("conformance-report.json"))).isFalse();
    }
}
