package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.report.ConformanceReport.TestVerdict;
import dev.enoscoap.conformance.suite.Catalogue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The three files written from the model alone: JUnit XML parsed back, HTML escaped and each evidence once, JSON fields. */
class ReportWriterTest {

    @TempDir
    Path dir;

    private static final String HOSTILE = "ENOS-ID-01 · EC-3 · expected: x · observed: \u001B[31mred\u0000 "
            + "<script>alert(1)</script> ]]> & \"q\" \uFFFE\r\nstderr: line\rover";

    /** The wrong-key run plus a hostile failure, a SHOULD inconclusive and a purpose of several tests. */
    private static ConformanceReport report() {
        ConformanceReport base = ConformanceReportTest.wrongKey();
        ConformanceReport.Builder b = ConformanceReport.builder().suite(base.suite())
                .client(base.clientName(), base.clientVersion(), base.capabilities())
                .started(base.started()).finished(base.finished());
        base.purposes().forEach(p -> p.tests().forEach(t -> b.test(p.id(), t)));
        b.verdict("ENOS-ID-01", Verdict.FAIL, HOSTILE);
        b.test("ENOS-ACT-05", new TestVerdict("[1] 4.03", Verdict.FAIL, "ENOS-ACT-05 · EC-9 · expected: one · observed: "
                + "20 requests\njournal A", null, Duration.ofMillis(1500)));
        b.test("ENOS-ACT-05", new TestVerdict("[2] 5.00", Verdict.PASS, "", null, Duration.ofMillis(500)));
        b.verdict("ENOS-UP-02", Verdict.INCONCLUSIVE, "inconclusive: ENOS-UP-02: the client did not return within 60 s");
        return b.build();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Element> testcases(Document doc) {
        Map<String, Element> byId = new HashMap<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            byId.put(e.getAttribute("name").split(" ")[0], e);
        }
        return byId;
    }

    private static Element only(Element testcase, String tag) {
        NodeList found = testcase.getElementsByTagName(tag);
        assertThat(found.getLength()).as("<%s> in %s", tag, testcase.getAttribute("name")).isEqualTo(1);
        return (Element) found.item(0);
    }

    @Test
    void writesTheThreeFilesIntoTheDirectory() throws Exception {
        List<Path> files = ReportWriter.write(report(), dir.resolve("new"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("conformance-report.json", "conformance-report.html", "conformance-junit.xml");
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
    }

    @Test
    void junitXmlHasOneTestcasePerPurposeAndCarriesTheEvidence() throws Exception {
        ConformanceReport r = report();
        Document doc = parse(ReportWriter.junitXml(r));

        Map<String, Element> cases = testcases(doc);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(r.purposes().size())
                .isEqualTo(Catalogue.load().all().size());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(r.purposes().size()));
        assertThat(suite.getAttribute("failures")).isEqualTo("4");
        assertThat(suite.getAttribute("errors")).as("MUST inconclusive").isEqualTo("3");
        assertThat(suite.getAttribute("skipped")).isEqualTo(String.valueOf(r.purposes().size() - 4 - 3 - 2));

        Element key01 = cases.get("ENOS-KEY-01");
        assertThat(key01.getAttribute("classname")).isEqualTo("enos.conformance.KEY");
        assertThat(key01.getAttribute("name")).startsWith("ENOS-KEY-01 (MUST) SecureMode 2 key");
        Element failure = only(key01, "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("FAIL");
        assertThat(failure.getAttribute("message")).isEqualTo(r.purpose("ENOS-KEY-01").orElseThrow().headline());
        assertThat(failure.getTextContent()).contains("observed: key mismatch").contains("#1 handshake REFUSED KEY_MISMATCH")
                .contains("fix: " + Catalogue.load().get("ENOS-KEY-01").orElseThrow().fix());

        Element act02 = only(cases.get("ENOS-ACT-02"), "error");
        assertThat(act02.getAttribute("type")).isEqualTo("INCONCLUSIVE");
        assertThat(act02.getAttribute("message")).startsWith("could not be judged because of ENOS-KEY-02: ");
        assertThat(only(cases.get("ENOS-UP-02"), "skipped").getAttribute("message"))
                .startsWith("inconclusive (SHOULD, does not fail the gate): ");
        assertThat(only(cases.get("ENOS-DOWN-01"), "skipped").getAttribute("message"))
                .isEqualTo("not applicable: the client does not implement 'commands'");
        assertThat(only(cases.get("ENOS-DTLS-02"), "skipped").getAttribute("message")).startsWith("not run");
        assertThat(cases.get("ENOS-LT-03").getChildNodes().getLength()).as("a pass is a bare testcase").isZero();
        assertThat(cases.get("ENOS-ACT-05").getAttribute("time")).isEqualTo("2.000");
    }

    @Test
    void junitXmlStaysWellFormedWhateverTheClientPrinted() throws Exception {
        String xml = ReportWriter.junitXml(report());
        Element id01 = only(testcases(parse(xml)).get("ENOS-ID-01"), "failure");

        assertThat(id01.getAttribute("message")).contains("\u241B[31mred\u2400 <script>alert(1)</script> ]]> & \"q\" \uFFFD");
        assertThat(id01.getTextContent()).contains("stderr: line\u240Dover");
        assertThat(xml).doesNotContain("\u001B").doesNotContain("\u0000").doesNotContain("\uFFFE");
    }

    @Test
    void htmlOpensWithTheRootCausesAndShowsEachEvidenceOnce() {
        ConformanceReport r = report();
        String html = ReportWriter.html(r);

        int roots = html.indexOf("<section class=\"roots\">");
        int consequences = html.indexOf("<section class=\"consequences\">");
        int rest = html.indexOf("<section class=\"rest\">");
        assertThat(roots).isPositive().isLessThan(consequences);
        assertThat(consequences).isLessThan(rest);
        assertThat(html.indexOf("id=\"ENOS-KEY-01\"")).isBetween(roots, consequences);
        assertThat(html.indexOf("id=\"ENOS-ACT-02\"")).isBetween(consequences, rest);
        assertThat(html.indexOf("id=\"ENOS-LT-03\"")).isGreaterThan(rest);
        assertThat(html).contains("5 purposes failed on their own: fix these first")
                .contains("4 purposes could not be judged because of them")
                .contains("Not judged: <a href=\"#ENOS-ACT-01\">ENOS-ACT-01</a> could not be judged, because "
                        + "<a href=\"#ENOS-KEY-02\">ENOS-KEY-02</a> failed.")
                .contains("<p class=\"fix\"><b>Fix</b>" + Template.escape(Catalogue.load().get("ENOS-KEY-01").orElseThrow().fix()))
                .contains("<p class=\"fix\"><b>Needs</b>" + Template.escape(Catalogue.load().get("ENOS-UP-02").orElseThrow().fix()))
                .contains(Template.escape(r.gateSummary()));
        assertThat(count(html, "observed: key mismatch: the Finished of")).isEqualTo(1);
        assertThat(count(html, "#1 handshake REFUSED KEY_MISMATCH")).isEqualTo(1);
        assertThat(count(html, "inconclusive: ENOS-ACT-02: prerequisite ENOS-ACT-01 failed")).isEqualTo(1);
        assertThat(count(html, "20 requests")).isEqualTo(1);
        assertThat(html).contains("1 of 2 tests FAIL");
        for (var p : r.purposes()) {
            assertThat(count(html, "id=\"" + p.id() + "\"")).as("one card for %s", p.id()).isEqualTo(1);
        }
    }

    @Test
    void htmlIsSelfContainedEscapedAndFiltersWithoutScript() {
        String html = ReportWriter.html(report());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("\u241B[31mred\u2400 &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;q&quot; \uFFFD")
                .contains("libcoap 4.3.1")
                .contains("id=\"show-fail\"").contains("id=\"show-inconclusive\"").contains("id=\"show-all\"")
                .contains("<meta name=\"viewport\"")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("\u001B").doesNotContain("\u0000").doesNotContain("{{")
                .doesNotContain("No purpose failed.").doesNotContain("No purpose was inconclusive.");
        assertThat(ReportWriter.html(ConformanceReport.builder().verdict("ENOS-ID-01", Verdict.PASS, "").build()))
                .as("what the FAIL and INCONCLUSIVE filters show when there is nothing to show")
                .contains("<p class=\"none none-fail\">No purpose failed.</p>")
                .contains("<p class=\"none none-inconclusive\">No purpose was inconclusive.</p>");
    }

    @Test
    void jsonCarriesTheVerdictsTheirCausesAndEveryTest() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportWriter.json(report()));

        assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");
        assertThat(json.at("/summary/rootCauses").toString())
                .isEqualTo("[\"ENOS-ID-01\",\"ENOS-KEY-01\",\"ENOS-KEY-02\",\"ENOS-ACT-05\",\"ENOS-UP-02\"]");
        assertThat(json.at("/summary/notJudgedBecauseOfRootCauses").asInt()).isEqualTo(4);
        assertThat(json.at("/seconds").asDouble()).isEqualTo(396.0);
        JsonNode act02 = null;
        JsonNode act05 = null;
        for (JsonNode p : json.get("purposes")) {
            if (p.get("id").asText().equals("ENOS-ACT-02")) {
                act02 = p;
            }
            if (p.get("id").asText().equals("ENOS-ACT-05")) {
                act05 = p;
            }
        }
        assertThat(act02.get("prerequisite").asText()).isEqualTo("ENOS-ACT-01");
        assertThat(act02.get("causeChain").toString()).isEqualTo("[\"ENOS-ACT-01\",\"ENOS-KEY-02\"]");
        assertThat(act02.get("rootCause").asBoolean()).isFalse();
        assertThat(act02.get("judgedBy").asText()).isEqualTo("active");
        assertThat(act05.get("rootCause").asBoolean()).isTrue();
        assertThat(act05.get("prerequisite").isNull()).isTrue();
        assertThat(act05.get("seconds").asDouble()).isEqualTo(2.0);
        assertThat(act05.get("headline").asText()).isEqualTo("ENOS-ACT-05 · EC-9 · expected: one · observed: 20 requests");
        assertThat(act05.get("tests")).hasSize(2);
        assertThat(act05.at("/tests/1/verdict").asText()).isEqualTo("PASS");
        assertThat(act05.get("fix").asText()).isNotBlank();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
