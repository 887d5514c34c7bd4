package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.ConformanceExtension;
import dev.enoscoap.conformance.suite.Inconclusive;
import dev.enoscoap.conformance.suite.NotApplicable;
import dev.enoscoap.conformance.suite.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** Verdicts, worst-of aggregation and both report files, from a fake suite with known outcomes. */
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
        }

        @Test
        @Purpose("ENOS-KEY-01")
        void fails() {
            throw new AssertionFailedError("ENOS-KEY-01 · EC-6 · expected: <key> · observed: a & b\njournal line");
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

    private ConformanceReportListener run(Class<?> testClass) {
        ConformanceReportListener listener = new ConformanceReportListener();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listener).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                        .configurationParameter(ConformanceReportListener.REPORT_DIR, dir.toString()).build());
        return listener;
    }

    @Test
    void verdictsTakeTheWorstOfEachPurposesTests() {
        ConformanceReport report = run(FakeSuite.class).reports().get(0);

        Map<String, Verdict> verdicts = new java.util.LinkedHashMap<>();
        report.purposes().forEach(p -> verdicts.put(p.id(), p.verdict()));
        assertThat(verdicts).containsEntry("ENOS-DTLS-01", Verdict.PASS)
                .containsEntry("ENOS-KEY-01", Verdict.FAIL)
                .containsEntry("ENOS-DOWN-01", Verdict.NOT_APPLICABLE)
                .containsEntry("ENOS-ROB-03", Verdict.INCONCLUSIVE)
                .containsEntry("ENOS-ACT-04", Verdict.INCONCLUSIVE)
                .containsEntry("ENOS-LT-01", Verdict.FAIL)
                .containsEntry("ENOS-DTLS-02", Verdict.NOT_RUN);
        assertThat(new ArrayList<>(verdicts.keySet())).as("catalogue order")
                .containsExactlyElementsOf(Catalogue.load().all().keySet());
        assertThat(report.clientName()).isEqualTo("fake <client>");
        assertThat(report.capabilities()).containsExactly("UPLINK", "SECURE_MODE_2");
        assertThat(report.counts()).containsEntry(Verdict.FAIL, 2).containsEntry(Verdict.INCONCLUSIVE, 2)
                .containsEntry(Verdict.PASS, 1).containsEntry(Verdict.NOT_APPLICABLE, 1).containsEntry(Verdict.NOT_RUN, Catalogue.load().all().size() - 6);
        assertThat(report.gatePassed()).isFalse();
    }

    @Test
    void evidenceNamesTheWorstTestsAndUnexpectedErrors() {
        List<ConformanceReport.PurposeVerdict> rows = run(FakeSuite.class).reports().get(0).purposes();
        Map<String, String> evidence = new java.util.HashMap<>();
        rows.forEach(p -> evidence.put(p.id(), p.evidence()));

        assertThat(evidence.get("ENOS-ACT-04")).startsWith("1 of 3 tests INCONCLUSIVE\n\n[[2] 2]\n")
                .endsWith("inconclusive: ENOS-ACT-04: never connected");
        assertThat(evidence.get("ENOS-ROB-03")).startsWith("inconclusive: the test ended with an unexpected error: "
                + "java.lang.IllegalStateException: adapter broke\n    at ");
        assertThat(evidence.get("ENOS-DOWN-01")).isEqualTo("not applicable: fake does not declare DOWNLINK");
        assertThat(evidence.get("ENOS-DTLS-01")).isEmpty();
    }

    @Test
    void writesJsonAndSelfContainedEscapedHtml() throws Exception {
        run(FakeSuite.class);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("conformance-report.json").toFile());
        assertThat(json.at("/client/name").asText()).isEqualTo("fake <client>");
        assertThat(json.at("/kit/version").asText()).isNotBlank().doesNotContain("${");
        assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");
        assertThat(json.at("/summary/FAIL").asInt()).isEqualTo(2);
        assertThat(json.get("purposes")).hasSize(Catalogue.load().all().size());
        JsonNode key01 = json.get("purposes").get(new ArrayList<>(Catalogue.load().all().keySet()).indexOf("ENOS-KEY-01"));
        assertThat(key01.get("id").asText()).isEqualTo("ENOS-KEY-01");
        assertThat(key01.get("evidence").asText()).contains("<key>");
        assertThat(key01.get("clause").asText()).isNotBlank();

        String html = Files.readString(dir.resolve("conformance-report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("fake &lt;client&gt; 9.9")
                .contains("expected: &lt;key&gt; · observed: a &amp; b\njournal line</pre>")
                .contains("<span class=\"badge v-FAIL\">FAIL</span>")
                .contains("FAILED: 3 MUST purposes failed or inconclusive")
                .doesNotContain("<key>").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void writesNothingWhenNoPurposeTestRan() throws Exception {
        assertThat(run(NoPurposes.class).reports()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
