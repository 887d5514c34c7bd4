package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged;
import dev.enoscoap.conformance.suite.Catalogue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines and the root-cause-first summary, as the console shows them. */
class ConsoleReportTest {
    private final ConsoleReport plain = new ConsoleReport(false);

    @Test
    void aProgressLineCountsNamesTheVerdictAndTimes() {
        assertThat(plain.progressLine(new PurposeJudged("ENOS-LT-03", Verdict.PASS, null, Duration.ofMillis(812), 7, 24,
                Duration.ofMillis(12_400))))
                .isEqualTo("[ 7/24] ENOS-LT-03    PASS            0.8 s   12.4 s so far, about 30.1 s left");
        assertThat(plain.progressLine(new PurposeJudged("ENOS-ACT-04", Verdict.NOT_APPLICABLE, null, Duration.ZERO, 1,
                24, Duration.ofMillis(300))))
                .as("no estimate from one purpose")
                .isEqualTo("[ 1/24] ENOS-ACT-04   NOT APPLICABLE  0.0 s   0.3 s so far");
        assertThat(plain.progressLine(new PurposeJudged("ENOS-LT-01", Verdict.INCONCLUSIVE, "ENOS-KEY-01",
                Duration.ofMillis(40), 24, 24, Duration.ofSeconds(396))))
                .isEqualTo("[24/24] ENOS-LT-01    INCONCLUSIVE    0.0 s   6 min 36 s so far   because of ENOS-KEY-01");
    }

    @Test
    void theSummaryOpensWithTheRootCausesWholeEvidenceAndFix() {
        ConformanceReport r = ConformanceReportTest.wrongKey();
        List<String> lines = plain.summary(r);
        String text = String.join("\n", lines);

        assertThat(lines.get(0)).isEqualTo(r.gateSummary());
        assertThat(text).contains("""
                2 purposes failed on their own (fix these first):
                  FAIL           ENOS-KEY-01 (MUST) SecureMode 2 key is bytes [8,24) of SHA-256(DeviceSecret)
                    ENOS-KEY-01 · EC-4, EC-6 · expected: the client's Finished verifies with bytes [8,24) of \
                SHA-256(secret) · observed: key mismatch: the Finished of 'demoProduct,dev01,2,120' does not verify \
                with the registered key
                    fix: %s
                """.formatted(Catalogue.load().get("ENOS-KEY-01").orElseThrow().fix()))
                .contains("""
                        4 purposes could not be judged because of them:
                          because of ENOS-KEY-01 (1): ENOS-DTLS-01
                          because of ENOS-KEY-02 (3): ENOS-ACT-01, ENOS-ACT-02, ENOS-ACT-04
                        """)
                .contains("Not applicable (1):\n  ENOS-DOWN-01  not applicable: the client does not implement 'commands'")
                .contains("3 pass, 2 fail, 4 inconclusive, 1 not applicable, " + (Catalogue.load().all().size() - 10)
                        + " not run  (396.0 s)")
                .doesNotContain("journal of").doesNotContain("\u001B");
        assertThat(text.indexOf("ENOS-KEY-01 (MUST)")).isLessThan(text.indexOf("because of ENOS-KEY-01"));
    }

    @Test
    void anInconclusiveRootCauseSaysWhatThePurposeNeedsRatherThanAFix() {
        ConformanceReport r = ConformanceReport.builder().verdict("ENOS-ID-01", Verdict.PASS, "")
                .verdict("ENOS-LT-01", Verdict.INCONCLUSIVE, "inconclusive: ENOS-LT-01: the client did not return within 60 s")
                .build();
        assertThat(String.join("\n", plain.summary(r))).contains("""
                1 purpose failed on its own (fix it first):
                  INCONCLUSIVE   ENOS-LT-01 (MUST) Lifetime 30 is accepted
                    inconclusive: ENOS-LT-01: the client did not return within 60 s
                    needs: %s
                """.formatted(Catalogue.load().get("ENOS-LT-01").orElseThrow().fix()));
        assertThat(r.gateSummary()).isEqualTo("FAILED: 1 MUST purpose failed on its own (ENOS-LT-01)");
    }

    @Test
    void aPassingSummaryIsShort() {
        ConformanceReport r = ConformanceReport.builder().verdict("ENOS-ID-01", Verdict.PASS, "").build();
        assertThat(plain.summary(r)).containsExactly("PASSED: no MUST purpose failed or was inconclusive", "",
                "1 pass, 0 fail, 0 inconclusive, 0 not applicable, " + (Catalogue.load().all().size() - 1)
                        + " not run  (" + HtmlReport.seconds(Duration.between(r.started(), r.finished())) + ")");
    }

    @Test
    void colourOnlyWhenAskedAndClientControlCharactersNeverReachTheTerminal() {
        ConformanceReport r = ConformanceReport.builder()
                .verdict("ENOS-KEY-01", Verdict.FAIL, "ENOS-KEY-01 · EC-6 · expected: k · observed: \u001B[2J\u0007gone")
                .build();
        String coloured = String.join("\n", new ConsoleReport(true).summary(r));
        String uncoloured = String.join("\n", plain.summary(r));

        assertThat(coloured).contains("\u001B[31m\u001B[1mFAIL").contains("observed: \u241B[2J\u2407gone");
        assertThat(uncoloured).doesNotContain("\u001B").contains("observed: \u241B[2J\u2407gone");
        assertThat(new ConsoleReport(true).progressLine(new PurposeJudged("ENOS-ID-01", Verdict.PASS, null,
                Duration.ZERO, 1, 1, Duration.ZERO))).contains("\u001B[32mPASS");
    }
}
