package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The runner in-process: preflight, progress, the root-cause-first summary, the report files and the exit code. */
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

    private static Map<String, Element> testcases(Path junitXml) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitXml.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            byId.put(e.getAttribute("name").split(" ")[0], e);
        }
        assertThat(byId).hasSize(cases.getLength());
        return byId;
    }

    @Test
    void libcoapShimPassesTheGateWithExit0() throws Exception {
        String template = LibcoapShim.template(dir);
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", template, "--report", reports.toString(), "--client-name", "libcoap",
                "--capabilities", LibcoapShim.CAPABILITIES);
        int purposes = Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size();

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isZero();
        assertThat(out.toString())
                .containsPattern("preflight: connect as demoProduct/dev01 exited 0 in \\d+\\.\\d s; the mock saw a "
                        + "handshake accepted\n")
                .containsPattern("\\[ ?\\d+/" + purposes + "] ENOS-KEY-01 +PASS +\\d+\\.\\d s +\\d+\\.\\d s so far")
                .containsPattern("\\[ ?\\d+/" + purposes + "] ENOS-ACT-04 +PASS ")
                .containsPattern("\\[ ?\\d+/" + purposes + "] ENOS-DOWN-01 +NOT APPLICABLE ")
                .containsPattern("\\[" + purposes + "/" + purposes + "] ENOS-[A-Z0-9]+-\\d\\d +(PASS|NOT APPLICABLE)")
                .contains("\nPASSED: no MUST purpose failed or was inconclusive\n")
                .containsPattern("  ENOS-DOWN-01  not applicable: .*DOWNLINK")
                .contains((purposes - 3) + " pass, 0 fail, 0 inconclusive, 3 not applicable, 0 not run")
                .contains("reports: " + reports + " (conformance-report.html, conformance-report.json, conformance-junit.xml)")
                .contains("gate: PASSED (exit 0)")
                .doesNotContain("SUCCESSFUL").doesNotContain("ABORTED").doesNotContain("\u001B");
        assertThat(out.toString().lines().filter(l -> l.matches("\\[ ?\\d+/" + purposes + "] .*")).count())
                .as("one progress line per purpose, ENOS-ACT-04's tests included").isEqualTo(purposes);
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        assertThat(json.at("/summary/gate").asText()).isEqualTo("PASSED");
        assertThat(json.at("/client/name").asText()).isEqualTo("libcoap");
        assertThat(json.get("purposes")).hasSize(purposes);
        assertThat(purpose(json, "ENOS-ACT-04").get("tests")).hasSize(4);
        assertThat(Files.readString(reports.resolve("conformance-report.html"))).contains("id=\"ENOS-ROB-03\"");
        Map<String, Element> cases = testcases(reports.resolve("conformance-junit.xml"));
        assertThat(cases).hasSize(purposes);
        assertThat(cases.get("ENOS-ROB-03").getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(cases.get("ENOS-KEY-01").getChildNodes().getLength()).isZero();
    }

    @Test
    void aNoteOfTheJudgeReachesTheSummaryAndEveryReport() throws Exception {
        // Each libcoap call is a new coap-client process, so ENOS-COAP-02 sees one request per session.
        Path reports = dir.resolve("reports");
        int exit = run("--client-cmd", LibcoapShim.template(dir), "--report", reports.toString(), "--capabilities",
                LibcoapShim.CAPABILITIES, "--purposes", "ENOS-COAP-02");

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isZero();
        assertThat(out.toString()).containsPattern("] ENOS-COAP-02 +PASS .*\\(noted in the summary\\)\n")
                .containsPattern("\nNoted on how they were judged \\(1\\):\n  ENOS-COAP-02  PASS +judged on one request "
                        + "per DTLS session only: the client opened a new session for each of its 3 requests");
        JsonNode coap02 = purpose(new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile()),
                "ENOS-COAP-02");
        assertThat(coap02.get("notes").get(0).asText()).startsWith("judged on one request per DTLS session only");
        assertThat(Files.readString(reports.resolve("conformance-report.html")))
                .contains("<p class=\"note\"><b>Note</b>judged on one request per DTLS session only");
        assertThat(testcases(reports.resolve("conformance-junit.xml")).get("ENOS-COAP-02")
                .getElementsByTagName("system-out").item(0).getTextContent())
                .startsWith("note: judged on one request per DTLS session only");
    }

    @Test
    void wrongKeyOpensWithTheRootCauseUncutAndFailsWithExit1() throws Exception {
        String template = LibcoapShim.wrongKeyTemplate(dir);
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", template, "--report", reports.toString(), "--areas", "KEY", "--timeout", "20");

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isEqualTo(1);
        String text = out.toString();
        assertThat(text).containsPattern("preflight: connect as demoProduct/dev01 exited 1 in \\d+\\.\\d s; the mock "
                        + "saw \\d handshakes?, the last refused KEY_MISMATCH; stderr: .*\\(judging it anyway")
                .containsPattern("\\[[12]/2] ENOS-KEY-01 +FAIL ")
                .containsPattern("\\[[12]/2] ENOS-KEY-02 +FAIL ")
                .contains("FAILED: 2 MUST purposes failed on their own (ENOS-KEY-01, ENOS-KEY-02)\n")
                .contains("2 purposes failed on their own (fix these first):\n  FAIL           ENOS-KEY-01 (MUST) ")
                .containsPattern("\n    ENOS-KEY-01 · EC-4, EC-6 · expected: .{20,} · observed: key mismatch: .{20,}\n")
                .contains("\n    fix: Derive the PSK key as bytes [8,24) of SHA-256")
                .contains("0 pass, 2 fail, 0 inconclusive, 0 not applicable, " + (Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size() - 2)
                        + " not run")
                .contains("gate: FAILED (exit 1)")
                .doesNotContain("…");
        String key01Line = text.lines().filter(l -> l.startsWith("    ENOS-KEY-01 · ")).findFirst().orElseThrow();
        assertThat(key01Line.length()).as("the whole line, never cut at 110 characters").isGreaterThan(110);
        assertThat(text.indexOf("ENOS-KEY-01 (MUST)")).as("root causes before the counts")
                .isLessThan(text.indexOf("0 pass, 2 fail"));

        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        JsonNode key01 = purpose(json, "ENOS-KEY-01");
        assertThat(key01.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(key01.get("rootCause").asBoolean()).isTrue();
        assertThat(key01.get("evidence").asText()).contains("key mismatch").contains("KEY_MISMATCH");
        assertThat(purpose(json, "ENOS-DTLS-01").get("verdict").asText()).isEqualTo("NOT_RUN");
        assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");

        Map<String, Element> cases = testcases(reports.resolve("conformance-junit.xml"));
        assertThat(cases).as("one testcase per purpose; those not run are skipped").hasSize(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size());
        Element failure = (Element) cases.get("ENOS-KEY-01").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(key01.get("headline").asText()).contains("key mismatch");
        assertThat(failure.getTextContent()).contains("handshake REFUSED KEY_MISMATCH");
        assertThat(cases.get("ENOS-DTLS-01").getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void aClientCommandThatDoesNotExistIsRefusedBeforeAnyVerdict() {
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", "enos-no-such-client {action} --host {host} --port {port}",
                "--report", reports.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("the client command cannot be judged; no purpose was run and no report written")
                .contains("command: enos-no-such-client {action} --host {host} --port {port}")
                .contains("program: enos-no-such-client")
                .contains("tried:   one 'connect' as demoProduct/dev01 (SecureMode 2, Lifetime 120) against an "
                        + "embedded mock at coaps://127.0.0.1:")
                .contains("got:     'enos-no-such-client' was not found on the PATH (");
        assertThat(out.toString()).doesNotContainPattern("\\[ ?\\d+/\\d+]").doesNotContain("PASS").doesNotContain("FAIL")
                .doesNotContain("INCONCLUSIVE").doesNotContain("gate:");
        assertThat(reports).doesNotExist();
    }

    @Test
    void aMissingScriptBehindAnInterpreterIsRefusedByItsExit127() {
        int exit = run("--client-cmd", "bash " + dir.resolve("no-such-shim.sh") + " {action}",
                "--report", dir.resolve("reports").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("program: bash")
                .contains("got:     it exited 127, which shells and env use for \"command not found\"; stderr:")
                .contains("no-such-shim.sh: No such file or directory");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aProgramThatIsNotExecutableIsRefused() throws Exception {
        Path shim = Files.writeString(dir.resolve("shim.sh"), "#!/bin/sh\nexit 0\n");

        assertThat(run("--client-cmd", shim + " {action}", "--report", dir.resolve("reports").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("got:     " + shim + " is not executable (chmod +x it, or start it "
                + "through its interpreter, e.g. 'bash " + shim);
    }

    @Test
    void aClientThatDoesNotReturnInTimeIsRefused() {
        int exit = run("--client-cmd", "sh -c 'echo waiting >&2; sleep 20' {action}", "--timeout", "1",
                "--report", dir.resolve("reports").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("got:     it did not return within 1 s and was stopped (raise --timeout")
                .contains("stderr:\n           waiting");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aClientThatStartsAndFailsItsConnectIsJudgedNotRefused() throws Exception {
        Path reports = dir.resolve("reports");

        int exit = run("--client-cmd", "sh -c 'echo handshake failed >&2; exit 1' {action}", "--areas", "KEY",
                "--report", reports.toString());

        assertThat(exit).as("output:%n%s%n%s", out, err).isEqualTo(1);
        assertThat(out.toString()).contains("preflight: connect as demoProduct/dev01 exited 1 in ")
                .contains("the mock saw no handshake; stderr: handshake failed (judging it anyway")
                .containsPattern("\\[[12]/2] ENOS-KEY-01 +INCONCLUSIVE ")
                .contains("gate: FAILED (exit 1)");
        assertThat(reports.resolve("conformance-report.json")).exists();
        assertThat(reports.resolve("conformance-junit.xml")).exists();
    }

    @Test
    void quietPrintsTheSummaryOnlyAndAreasAreTags() throws Exception {
        String template = LibcoapShim.template(dir);

        int exit = run("--client-cmd", template, "--report", dir.resolve("reports").toString(), "--areas", "lt",
                "--quiet");

        assertThat(exit).as("output:%n%s%n%s", out, err).isZero();
        assertThat(out.toString()).startsWith("PASSED: no MUST purpose failed or was inconclusive\n")
                .contains("4 pass, 0 fail, 0 inconclusive, 0 not applicable, " + (Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size() - 4)
                        + " not run")
                .endsWith("gate: PASSED (exit 0)\n")
                .doesNotContain("client command").doesNotContain("preflight").doesNotContainPattern("\\[\\d+/\\d+]");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("reports/conformance-report.json").toFile());
        for (String id : new String[] {"ENOS-LT-01", "ENOS-LT-02", "ENOS-LT-03", "ENOS-LT-04"}) {
            assertThat(purpose(json, id).get("verdict").asText()).isEqualTo("PASS");
        }
        assertThat(purpose(json, "ENOS-KEY-01").get("verdict").asText()).isEqualTo("NOT_RUN");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(ConformanceRunner.colour(true, Map.of())).isTrue();
        assertThat(ConformanceRunner.colour(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(ConformanceRunner.colour(true, Map.of("NO_COLOR", ""))).as("an empty NO_COLOR is not set").isTrue();
        assertThat(ConformanceRunner.colour(false, Map.of())).as("redirected").isFalse();

        int exit = ConformanceRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), true,
                "--client-cmd", "sh -c 'exit 1' {action}", "--areas", "KEY", "--report", dir.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("\u001B[33mINCONCLUSIVE").contains("\u001B[31m\u001B[1mgate: FAILED (exit 1)");
    }

    @Test
    void areasAreTheTagsTheConformanceTestsCarry() {
        assertThat(ConformanceRunner.areaTags()).isEqualTo(Set.of("BASE", "DTLS", "ID", "KEY", "LT", "ACT", "COAP",
                "UP", "DOWN", "ROB"));
        Set<String> areasOfTheCatalogue = new java.util.TreeSet<>();
        Catalogue.load().all().keySet().forEach(id -> areasOfTheCatalogue.add(id.split("-")[1]));
        assertThat(ConformanceRunner.areaTags()).as("one area per id prefix of the catalogue")
                .isEqualTo(areasOfTheCatalogue);
    }

    @Test
    void purposesSelectThemAndThePurposesTheyNeed() throws Exception {
        Path reports = dir.resolve("reports");
        int exit = run("--client-cmd", LibcoapShim.wrongKeyTemplate(dir), "--report", reports.toString(),
                "--purposes", "enos-key-01", "--timeout", "20");

        assertThat(exit).as("exit code; output:%n%s%n%s", out, err).isEqualTo(1);
        assertThat(out.toString()).as("ENOS-KEY-01 and ENOS-ID-01, which it needs, in catalogue order")
                .containsPattern("\\[1/2] ENOS-ID-01 +PASS ")
                .containsPattern("\\[2/2] ENOS-KEY-01 +FAIL ")
                .contains("1 pass, 1 fail, 0 inconclusive, 0 not applicable, " + (Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size() - 2)
                        + " not run");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        assertThat(purpose(json, "ENOS-ID-01").get("verdict").asText()).isEqualTo("PASS");
        assertThat(purpose(json, "ENOS-KEY-01").get("verdict").asText()).isEqualTo("FAIL");
        assertThat(purpose(json, "ENOS-KEY-02").get("verdict").asText()).isEqualTo("NOT_RUN");
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
