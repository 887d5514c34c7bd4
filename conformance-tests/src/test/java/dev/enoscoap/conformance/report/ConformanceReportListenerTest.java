package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.ConformanceExtension;
import dev.enoscoap.conformance.suite.Inconclusive;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.NotApplicable;
import dev.enoscoap.conformance.suite.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** Verdicts, worst-of aggregation, prerequisites, progress and the report files, from a fake suite with known outcomes. */
class ConformanceReportListenerTest {

    @TempDir
    Path dir;

    /** Stands in for a suite class: each purpose ends in a known way. */
    static class FakeSuite {
        @Test
        @Purpose("ENOS-DTLS-01")
        void passes(TestReporter reporter) {
            reporter.publishEntry(Map.of(ConformanceExtension.CLIENT_NAME, "fake <client>",
                    ConformanceExtension.CLIENT_VERSION, "9.9", ConformanceExtension.CLIENT_CAPABILITIES, "UPLINK,SECURE_MODE_2"));
            reporter.publishEntry(ConformanceExtension.NOTE, "ENOS-DTLS-01: judged on one <handshake> only");
        }

        @Test
        @Purpose("ENOS-KEY-01")
        void fails() {
            throw new AssertionFailedError("ENOS-KEY-01 · EC-6 · expected: <key> · observed: a & b\njournal line");
        }

        @Test
        @Purpose("ENOS-ID-01")
        void failsWithHostileClientOutput() {
            throw new AssertionFailedError("ENOS-ID-01 · EC-3 · expected: x · observed: \u001B[31mred\u0000 "
                    + "<script>alert(1)</script>\r\nstderr: ]]> & \uD800 end");
        }

        @Test
        @Purpose("ENOS-LT-02")
        void stoppedByKey01() {
            throw Inconclusive.becauseOf("ENOS-KEY-01", "ENOS-LT-02: prerequisite ENOS-KEY-01 failed: key mismatch");
        }

        @Test
        @Purpose("ENOS-COAP-01")
        void stoppedByLt02() {
            throw Inconclusive.becauseOf("ENOS-LT-02", "ENOS-COAP-01: needs ENOS-LT-02, which was inconclusive");
        }

        @Test
        @Purpose("ENOS-UP-05")
        void namesAPrerequisiteInItsMessageOnly() {
            throw new Inconclusive("ENOS-UP-05: prerequisite ENOS-KEY-01 failed: said in words only");
        }

        @Test
        @Purpose("ENOS-DOWN-01")
        void notApplicable() {
            throw new NotApplicable("fake does not declare DOWNLINK");
        }

        @Test
        @Purpose("ENOS-ROB-03")
        void unexpectedError() {
            throw new IllegalStateException("adapter broke");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(ints = {1, 2, 3})
        @Purpose("ENOS-ACT-04")
        void oneOfThreeInconclusive(int n) {
            if (n == 2) {
                throw new Inconclusive("ENOS-ACT-04: never connected");
            }
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(ints = {1, 2})
        @Purpose("ENOS-LT-01")
        void failBeatsNotApplicable(int n) {
            if (n == 1) {
                throw new NotApplicable("n/a");
            }
            throw new AssertionFailedError("ENOS-LT-01 · EC-7 · expected: 30 · observed: 31");
        }

        @Test
        void noPurpose() {
            throw new AssertionFailedError("ignored by the report");
        }
    }

    /** Runs no purpose test at all. */
    static class NoPurposes {
        @Test
        void plain() {
        }
    }

    private final List<ConformanceReportListener.PurposeJudged> progress = new CopyOnWriteArrayList<>();

    private ConformanceReportListener run(Class<?> testClass) {
        ConformanceReportListener listener = new ConformanceReportListener(progress::add);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                        .configurationParameter(ConformanceReportListener.REPORT_DIR, dir.toString()).build());
        return listener;
    }

    private static Map<String, PurposeVerdict> byId(ConformanceReport report) {
        Map<String, PurposeVerdict> m = new LinkedHashMap<>();
        report.purposes().forEach(p -> m.put(p.id(), p));
        return m;
    }

    @Test
    void verdictsTakeTheWorstOfEachPurposesTests() {
        ConformanceReport report = run(FakeSuite.class).reports().get(0);

        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        report.purposes().forEach(p -> verdicts.put(p.id(), p.verdict()));
        assertThat(verdicts).containsEntry("ENOS-DTLS-01", Verdict.PASS)
                .containsEntry("ENOS-KEY-01", Verdict.FAIL)
                .containsEntry("ENOS-DOWN-01", Verdict.NOT_APPLICABLE)
                .containsEntry("ENOS-ROB-03", Verdict.INCONCLUSIVE)
                .containsEntry("ENOS-ACT-04", Verdict.INCONCLUSIVE)
                .containsEntry("ENOS-LT-01", Verdict.FAIL)
                .containsEntry("ENOS-LT-02", Verdict.INCONCLUSIVE)
                .containsEntry("ENOS-DTLS-02", Verdict.NOT_RUN);
        assertThat(new ArrayList<>(verdicts.keySet())).as("catalogue order")
                .containsExactlyElementsOf(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().keySet());
        assertThat(report.clientName()).isEqualTo("fake <client>");
        assertThat(report.capabilities()).containsExactly("UPLINK", "SECURE_MODE_2");
        assertThat(report.counts()).containsEntry(Verdict.FAIL, 3).containsEntry(Verdict.INCONCLUSIVE, 5)
                .containsEntry(Verdict.PASS, 1).containsEntry(Verdict.NOT_APPLICABLE, 1)
                .containsEntry(Verdict.NOT_RUN, Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size() - 10);
        assertThat(report.purposes()).allSatisfy(p -> assertThat(p.judgedBy()).isEqualTo(JudgedBy.ACTIVE));
        assertThat(byId(report).get("ENOS-ACT-04").tests()).hasSize(3);
        assertThat(report.gatePassed()).isFalse();
    }

    @Test
    void inconclusivePurposesNameTheirPrerequisiteAndLeadToTheRootCause() {
        ConformanceReport report = run(FakeSuite.class).reports().get(0);
        Map<String, PurposeVerdict> p = byId(report);

        assertThat(p.get("ENOS-LT-02").prerequisite()).as("from Inconclusive.becauseOf").isEqualTo("ENOS-KEY-01");
        assertThat(p.get("ENOS-COAP-01").prerequisite()).isEqualTo("ENOS-LT-02");
        assertThat(p.get("ENOS-UP-05").prerequisite()).as("never taken from a message's wording").isNull();
        assertThat(p.get("ENOS-ROB-03").prerequisite()).isNull();
        assertThat(report.causeChain("ENOS-COAP-01")).containsExactly("ENOS-LT-02", "ENOS-KEY-01");
        assertThat(report.rootCauses()).extracting(PurposeVerdict::id).as("MUST fails, MUST inconclusive, then SHOULD")
                .containsExactly("ENOS-ID-01", "ENOS-KEY-01", "ENOS-LT-01", "ENOS-UP-05", "ENOS-ROB-03", "ENOS-ACT-04");
        assertThat(report.consequences()).extracting(PurposeVerdict::id).containsExactly("ENOS-LT-02", "ENOS-COAP-01");
    }

    @Test
    void progressHearsOfEachPurposeOnceWhenItsLastTestEnds() {
        run(FakeSuite.class);

        assertThat(progress).extracting(ConformanceReportListener.PurposeJudged::purposeId)
                .containsExactlyInAnyOrder("ENOS-DTLS-01", "ENOS-KEY-01", "ENOS-ID-01", "ENOS-LT-02", "ENOS-COAP-01",
                        "ENOS-UP-05", "ENOS-DOWN-01", "ENOS-ROB-03", "ENOS-ACT-04", "ENOS-LT-01");
        assertThat(progress).extracting(ConformanceReportListener.PurposeJudged::done)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(10));
        ConformanceReportListener.PurposeJudged act04 = progress.stream()
                .filter(p -> p.purposeId().equals("ENOS-ACT-04")).findFirst().orElseThrow();
        assertThat(act04.verdict()).as("the worst of its three tests").isEqualTo(Verdict.INCONCLUSIVE);
        ConformanceReportListener.PurposeJudged lt02 = progress.stream()
                .filter(p -> p.purposeId().equals("ENOS-LT-02")).findFirst().orElseThrow();
        assertThat(lt02.prerequisite()).isEqualTo("ENOS-KEY-01");
    }

    @Test
    void evidenceNamesTheWorstTestsAndUnexpectedErrors() {
        Map<String, PurposeVerdict> rows = byId(run(FakeSuite.class).reports().get(0));

        assertThat(rows.get("ENOS-ACT-04").evidence()).startsWith("1 of 3 tests INCONCLUSIVE\n\n[[2] 2]\n")
                .endsWith("inconclusive: ENOS-ACT-04: never connected");
        assertThat(rows.get("ENOS-ACT-04").headline()).isEqualTo("inconclusive: ENOS-ACT-04: never connected");
        assertThat(rows.get("ENOS-ROB-03").evidence()).startsWith("inconclusive: the test ended with an unexpected error: "
                + "java.lang.IllegalStateException: adapter broke\n    at ");
        assertThat(rows.get("ENOS-DOWN-01").evidence()).isEqualTo("not applicable: fake does not declare DOWNLINK");
        assertThat(rows.get("ENOS-DTLS-01").evidence()).isEmpty();
        assertThat(rows.get("ENOS-KEY-01").headline()).isEqualTo("ENOS-KEY-01 · EC-6 · expected: <key> · observed: a & b");
    }

    @Test
    void writesJsonHtmlAndJUnitXml() throws Exception {
        run(FakeSuite.class);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        assertThat(json.at("/client/name").asText()).isEqualTo("fake <client>");
        assertThat(json.at("/kit/version").asText()).isNotBlank().doesNotContain("${");
        assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");
        assertThat(json.at("/summary/FAIL").asInt()).isEqualTo(3);
        assertThat(json.get("purposes")).hasSize(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size());
        JsonNode key01 = json.get("purposes").get(new ArrayList<>(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().keySet()).indexOf("ENOS-KEY-01"));
        assertThat(key01.get("id").asText()).isEqualTo("ENOS-KEY-01");
        assertThat(key01.get("evidence").asText()).contains("<key>");
        assertThat(key01.get("clause").asText()).isNotBlank();
        assertThat(Files.readString(dir.resolve("conformance-report.html"))).startsWith("<!DOCTYPE html>");
        assertThat(Files.readString(dir.resolve("conformance-junit.xml"))).startsWith("<?xml");
    }

    @Test
    void aNoteOnHowAPurposeWasJudgedReachesEveryReportForm() throws Exception {
        ConformanceReport report = run(FakeSuite.class).reports().get(0);
        String note = "judged on one <handshake> only";

        assertThat(byId(report).get("ENOS-DTLS-01").notes()).as("without the purpose id the judge prefixes")
                .containsExactly(note);
        assertThat(byId(report).get("ENOS-KEY-01").notes()).isEmpty();
        assertThat(progress.stream().filter(p -> p.purposeId().equals("ENOS-DTLS-01")).findFirst().orElseThrow().notes())
                .containsExactly(note);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        JsonNode dtls01 = json.get("purposes").get(new ArrayList<>(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().keySet()).indexOf("ENOS-DTLS-01"));
        assertThat(dtls01.get("notes").get(0).asText()).isEqualTo(note);
        assertThat(dtls01.at("/tests/0/notes/0").asText()).isEqualTo(note);
        assertThat(Files.readString(dir.resolve("conformance-report.html")))
                .contains("<p class=\"note\"><b>Note</b>judged on one &lt;handshake&gt; only</p>");
        assertThat(Files.readString(dir.resolve("conformance-junit.xml"))).containsPattern(
                "<testcase classname=\"enos.conformance.DTLS\" name=\"ENOS-DTLS-01 [^\"]*\" time=\"[0-9.]+\">\n"
                        + " *<system-out>note: judged on one &lt;handshake&gt; only\n</system-out>\n *</testcase>");
        assertThat(String.join("\n", new ConsoleReport(false).summary(report)))
                .contains("Noted on how they were judged (1):\n  ENOS-DTLS-01  PASS           " + note + "\n");
        assertThat(new ConsoleReport(false).progressLine(progress.stream()
                .filter(p -> p.purposeId().equals("ENOS-DTLS-01")).findFirst().orElseThrow()))
                .endsWith("(noted in the summary)");
    }

    @Test
    void writesNothingWhenNoPurposeTestRan() throws Exception {
        assertThat(run(NoPurposes.class).reports()).isEmpty();
        assertThat(progress).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void isActiveOnlyWhileAPlanWithPurposeTestsRuns() {
        ConformanceReportListener listener = new ConformanceReportListener(progress::add);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        TestExecutionListener probe = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    seen.add(listener.active());
                }
            }
        };
        for (Class<?> c : List.of(NoPurposes.class, FakeSuite.class)) {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                    .addTestExecutionListeners(listener, probe).build())
                    .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c))
                            .configurationParameter(ConformanceReportListener.REPORT_DIR, dir.toString()).build());
            assertThat(listener.active()).as("after the plan of %s", c.getSimpleName()).isFalse();
        }
        assertThat(seen.get(0)).as("while NoPurposes runs").isFalse();
        assertThat(seen.subList(1, seen.size())).as("while FakeSuite runs").isNotEmpty().containsOnly(true);
        assertThat(listener.reports()).hasSize(1);
    }
}
