package dev.enoscoap.conformance.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import dev.enoscoap.conformance.report.ConformanceReport.TestVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Writes a {@link ConformanceReport}, and only that, as the kit's three report files: JSON for
 * machines, one self-contained HTML page for people, and JUnit XML for CI test views. Whoever
 * judged (the JUnit suites, or a judge watching a device) writes the same files.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportWriter {
    /** The JSON report's file name. */
    public static final String JSON_FILE = "conformance-report.json";
    /** The HTML report's file name. */
    public static final String HTML_FILE = "conformance-report.html";
    /** The JUnit XML report's file name. */
    public static final String JUNIT_FILE = "conformance-junit.xml";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /**
     * Writes the three files into {@code dir} (created if needed) and returns their paths: JSON,
     * HTML, JUnit XML.
     */
    public static List<Path> write(ConformanceReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        Path html = dir.resolve(HTML_FILE);
        Path junit = dir.resolve(JUNIT_FILE);
        Files.writeString(json, json(report), StandardCharsets.UTF_8);
        Files.writeString(html, html(report), StandardCharsets.UTF_8);
        Files.writeString(junit, junitXml(report), StandardCharsets.UTF_8);
        return List.of(json, html, junit);
    }

    /** The JSON report (fields in README.md, "Reading the report"). */
    public static String json(ConformanceReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("kit").put("name", "enos-coap-conformance").put("version", r.kitVersion());
        ObjectNode client = root.putObject("client");
        client.put("name", r.clientName()).put("version", r.clientVersion());
        ArrayNode caps = client.putArray("capabilities");
        r.capabilities().forEach(caps::add);
        root.put("suite", r.suite());
        root.put("started", r.started().toString());
        root.put("finished", r.finished().toString());
        root.put("seconds", seconds(Duration.between(r.started(), r.finished())));
        ObjectNode summary = root.putObject("summary");
        r.counts().forEach((v, n) -> summary.put(v.name(), n));
        summary.put("mustFailedOrInconclusive", r.mustFailedOrInconclusive());
        summary.put("gate", r.gatePassed() ? "PASSED" : "FAILED");
        summary.put("gateSummary", r.gateSummary());
        ArrayNode roots = summary.putArray("rootCauses");
        r.rootCauses().forEach(p -> roots.add(p.id()));
        summary.put("notJudgedBecauseOfRootCauses", r.consequences().size());
        ArrayNode purposes = root.putArray("purposes");
        for (PurposeVerdict p : r.purposes()) {
            ObjectNode o = purposes.addObject();
            o.put("id", p.id()).put("level", p.level().name()).put("title", p.title()).put("clause", p.clause())
                    .put("quote", p.quote()).put("judgedBy", p.judgedBy().name().toLowerCase(Locale.ROOT))
                    .put("verdict", p.verdict().name()).put("meaning", p.meaning()).put("fix", p.fix())
                    .put("rootCause", r.isRootCause(p)).put("prerequisite", p.prerequisite());
            ArrayNode chain = o.putArray("causeChain");
            r.causeChain(p.id()).forEach(chain::add);
            o.put("seconds", seconds(p.duration())).put("headline", p.headline()).put("evidence", p.evidence());
            ArrayNode notes = o.putArray("notes");
            p.notes().forEach(notes::add);
            ArrayNode tests = o.putArray("tests");
            for (TestVerdict t : p.tests()) {
                ObjectNode test = tests.addObject().put("name", t.name()).put("verdict", t.verdict().name())
                        .put("seconds", seconds(t.duration())).put("prerequisite", t.prerequisite())
                        .put("evidence", t.evidence());
                ArrayNode testNotes = test.putArray("notes");
                t.notes().forEach(testNotes::add);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTML page. */
    public static String html(ConformanceReport report) {
        return HtmlReport.render(report);
    }

    /** The JUnit XML document. */
    public static String junitXml(ConformanceReport report) {
        return JUnitXmlReport.render(report);
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }
}
