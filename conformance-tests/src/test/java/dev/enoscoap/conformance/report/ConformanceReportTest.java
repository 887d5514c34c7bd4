package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import dev.enoscoap.conformance.report.ConformanceReport.TestVerdict;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report model without JUnit: the builder, root causes and their consequences, the gate. */
class ConformanceReportTest {

    /** A wrong key as the libcoap shim shows it: ENOS-KEY-01 and -02 fail, most of the rest stop because of them. */
    static ConformanceReport wrongKey() {
        ConformanceReport.Builder b = ConformanceReport.builder().suite("test")
                .client("libcoap", "4.3.1", List.of("SECURE_MODE_2", "SECURE_MODE_3"))
                .started(Instant.parse("2025-01-01T10:00:00Z")).finished(Instant.parse("2025-01-01T10:06:36Z"))
                .verdict("ENOS-ID-01", Verdict.PASS, "")
                .verdict("ENOS-ID-02", Verdict.PASS, "")
                .verdict("ENOS-KEY-01", Verdict.FAIL, "ENOS-KEY-01 · EC-4, EC-6 · expected: the client's Finished "
                        + "verifies with bytes [8,24) of SHA-256(secret) · observed: key mismatch: the Finished of "
                        + "'demoProduct,dev01,2,120' does not verify with the registered key\njournal of coaps://x:1:\n"
                        + "  #1 handshake REFUSED KEY_MISMATCH")
                .verdict("ENOS-KEY-02", Verdict.FAIL, "ENOS-KEY-02 · EC-5, EC-6 · expected: k · observed: key mismatch")
                .inconclusiveBecauseOf("ENOS-DTLS-01", "ENOS-KEY-01", "inconclusive: ENOS-DTLS-01: prerequisite ENOS-KEY-01 failed")
                .inconclusiveBecauseOf("ENOS-ACT-01", "ENOS-KEY-02", "inconclusive: ENOS-ACT-01: prerequisite ENOS-KEY-02 failed")
                .inconclusiveBecauseOf("ENOS-ACT-02", "ENOS-ACT-01", "inconclusive: ENOS-ACT-02: prerequisite ENOS-ACT-01 failed")
                .inconclusiveBecauseOf("ENOS-ACT-04", "ENOS-ACT-01", "inconclusive: ENOS-ACT-04: prerequisite ENOS-ACT-01 failed")
                .verdict("ENOS-LT-03", Verdict.PASS, "")
                .verdict("ENOS-DOWN-01", Verdict.NOT_APPLICABLE, "not applicable: the client does not implement 'commands'");
        return b.build();
    }

    @Test
    void theBuilderFillsEveryCatalogueRowInOrderWithoutJUnit() {
        ConformanceReport r = wrongKey();

        assertThat(r.purposes()).extracting(PurposeVerdict::id).containsExactlyElementsOf(Catalogue.load().all().keySet());
        PurposeVerdict key01 = r.purpose("ENOS-KEY-01").orElseThrow();
        assertThat(key01.level()).isEqualTo(Level.MUST);
        assertThat(key01.clause()).isEqualTo(Catalogue.load().get("ENOS-KEY-01").orElseThrow().clause());
        assertThat(key01.fix()).isEqualTo(Catalogue.load().get("ENOS-KEY-01").orElseThrow().fix());
        assertThat(key01.meaning()).isEqualTo(Catalogue.load().get("ENOS-KEY-01").orElseThrow().fail());
        assertThat(key01.judgedBy()).isEqualTo(JudgedBy.ACTIVE);
        assertThat(r.purpose("ENOS-DTLS-02").orElseThrow().verdict()).isEqualTo(Verdict.NOT_RUN);
        assertThat(r.purpose("ENOS-ACT-02").orElseThrow().meaning())
                .isEqualTo("not judged: prerequisite ENOS-ACT-01 failed or could not be judged");
    }

    @Test
    void rootCausesComeFirstAndTheirConsequencesFollowTheChain() {
        ConformanceReport r = wrongKey();

        assertThat(r.rootCauses()).extracting(PurposeVerdict::id).containsExactly("ENOS-KEY-01", "ENOS-KEY-02");
        assertThat(r.consequences()).extracting(PurposeVerdict::id)
                .containsExactly("ENOS-DTLS-01", "ENOS-ACT-01", "ENOS-ACT-02", "ENOS-ACT-04");
        assertThat(r.causeChain("ENOS-ACT-02")).containsExactly("ENOS-ACT-01", "ENOS-KEY-02");
        assertThat(r.rootCauseOf("ENOS-ACT-04")).contains("ENOS-KEY-02");
        assertThat(r.rootCauseOf("ENOS-KEY-01")).isEmpty();
        assertThat(r.consequencesByRootCause()).containsOnlyKeys("ENOS-KEY-01", "ENOS-KEY-02");
        assertThat(r.consequencesByRootCause().get("ENOS-KEY-02")).extracting(PurposeVerdict::id)
                .containsExactly("ENOS-ACT-01", "ENOS-ACT-02", "ENOS-ACT-04");
        assertThat(r.gateSummary()).isEqualTo("FAILED: 2 MUST purposes failed on their own (ENOS-KEY-01, ENOS-KEY-02); "
                + "3 more MUST purposes could not be judged because of them");
    }

    @Test
    void anInconclusivePurposeWhosePrerequisiteDidNotFailIsARootCauseItself() {
        ConformanceReport r = ConformanceReport.builder()
                .verdict("ENOS-ID-01", Verdict.PASS, "")
                .inconclusiveBecauseOf("ENOS-KEY-01", "ENOS-ID-01", "inconclusive: said ID-01, which passed")
                .inconclusiveBecauseOf("ENOS-LT-01", "ENOS-KEY-01", "inconclusive: because of KEY-01")
                .inconclusiveBecauseOf("ENOS-LT-02", "ENOS-DTLS-02", "inconclusive: ENOS-DTLS-02 was not run")
                .inconclusiveBecauseOf("ENOS-UP-01", "ENOS-NOPE-01", "inconclusive: unknown prerequisite")
                .inconclusiveBecauseOf("ENOS-COAP-01", "ENOS-COAP-02", "loop")
                .inconclusiveBecauseOf("ENOS-COAP-02", "ENOS-COAP-01", "loop")
                .build();

        // All five are MUST and INCONCLUSIVE, so catalogue order decides (ENOS-UP-01 before ENOS-COAP-02).
        assertThat(r.rootCauses()).extracting(PurposeVerdict::id)
                .containsExactly("ENOS-KEY-01", "ENOS-LT-02", "ENOS-COAP-01", "ENOS-UP-01", "ENOS-COAP-02");
        List<String> catalogue = List.copyOf(Catalogue.load().all().keySet());
        assertThat(r.rootCauses()).extracting(p -> catalogue.indexOf(p.id())).as("catalogue order").isSorted();
        assertThat(r.causeChain("ENOS-LT-01")).containsExactly("ENOS-KEY-01");
        assertThat(r.consequences()).extracting(PurposeVerdict::id).containsExactly("ENOS-LT-01");
        assertThat(r.gateSummary()).startsWith("FAILED: 5 MUST purposes failed on their own (ENOS-KEY-01, ");
    }

    @Test
    void aPassingRunNeedsOnePassAndNoBrokenMustPurpose() {
        ConformanceReport shouldOnly = ConformanceReport.builder().verdict("ENOS-ID-01", Verdict.PASS, "")
                .verdict("ENOS-UP-02", Verdict.FAIL, "ENOS-UP-02 · EC-11 · expected: a · observed: b").build();
        assertThat(shouldOnly.gatePassed()).isTrue();
        assertThat(shouldOnly.gateSummary()).isEqualTo("PASSED: no MUST purpose failed or was inconclusive");
        assertThat(shouldOnly.rootCauses()).extracting(PurposeVerdict::id).containsExactly("ENOS-UP-02");

        ConformanceReport nothing = ConformanceReport.builder()
                .verdict("ENOS-ID-01", Verdict.NOT_APPLICABLE, "not applicable: x").build();
        assertThat(nothing.gatePassed()).isFalse();
        assertThat(nothing.gateSummary()).isEqualTo("FAILED: no purpose passed, so nothing was proven");
    }

    @Test
    void anObservationJudgeFillsTheSameModel() {
        ConformanceReport r = ConformanceReport.builder().judgedBy(JudgedBy.OBSERVATION)
                .suite("observation of coaps://127.0.0.1:5684").client("acme-fw", "1.2", List.of())
                .test("ENOS-ID-01", new TestVerdict("first handshake", Verdict.PASS, "", null, Duration.ofMillis(5)))
                .test("ENOS-KEY-01", JudgedBy.ACTIVE, new TestVerdict("probe", Verdict.PASS, "", null, Duration.ZERO))
                .build();

        assertThat(r.purpose("ENOS-ID-01").orElseThrow().judgedBy()).isEqualTo(JudgedBy.OBSERVATION);
        assertThat(r.purpose("ENOS-ID-01").orElseThrow().duration()).isEqualTo(Duration.ofMillis(5));
        assertThat(r.purpose("ENOS-KEY-01").orElseThrow().judgedBy()).isEqualTo(JudgedBy.ACTIVE);
        assertThat(r.purpose("ENOS-LT-01").orElseThrow().judgedBy()).isEqualTo(JudgedBy.OBSERVATION);
        assertThat(ReportWriter.json(r)).contains("\"judgedBy\" : \"observation\"").contains("\"judgedBy\" : \"active\"");
    }

    @Test
    void aPurposeOutsideTheCatalogueGetsARowAtTheEnd() {
        ConformanceReport r = ConformanceReport.builder().verdict("ENOS-NEW-01", Verdict.PASS, "").build();
        assertThat(r.purposes().get(r.purposes().size() - 1).id()).isEqualTo("ENOS-NEW-01");
        assertThat(r.purposes().get(r.purposes().size() - 1).title()).isEqualTo("(not in the catalogue)");
    }

    @Test
    void evidenceIsKeptWellFormedAndAPrerequisiteOnlyBelongsToAnInconclusiveVerdict() {
        TestVerdict broken = new TestVerdict("t", Verdict.FAIL, "a \uD800 b \uDC00", "ENOS-KEY-01", null);
        assertThat(broken.evidence()).isEqualTo("a \uFFFD b \uFFFD");
        assertThat(broken.prerequisite()).isNull();
        assertThat(broken.duration()).isZero();
        assertThat(new TestVerdict("t", Verdict.FAIL, "\uD83D\uDE00", null, null).evidence()).isEqualTo("\uD83D\uDE00");
        assertThatThrownBy(() -> new ConformanceReport("1", "s", "c", "v", List.of(), Instant.EPOCH, Instant.EPOCH,
                List.of(wrongKey().purposes().get(0), wrongKey().purposes().get(0))))
                .hasMessageContaining("appears twice");
    }
}
