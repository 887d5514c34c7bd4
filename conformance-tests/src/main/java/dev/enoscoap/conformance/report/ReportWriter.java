package dev.enoscoap.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Writes a {@link ConformanceReport} as JSON and as one self-contained HTML page. */
final class ReportWriter {
    static final String JSON_FILE = "conformance-report.json";
    static final String HTML_FILE = "conformance-report.html";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportWriter() {
    }

    static void write(ConformanceReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), json(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML_FILE), html(report), StandardCharsets.UTF_8);
    }

    static String json(ConformanceReport r) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("kit").put("name", "enos-coap-conformance").put("version", r.kitVersion());
        ObjectNode client = root.putObject("client");
        client.put("name", r.clientName()).put("version", r.clientVersion());
        ArrayNode caps = client.putArray("capabilities");
        r.capabilities().forEach(caps::add);
        root.put("suite", r.suite());
        root.put("started", r.started().toString());
        root.put("finished", r.finished().toString());
        ObjectNode summary = root.putObject("summary");
        r.counts().forEach((v, n) -> summary.put(v.name(), n));
        summary.put("mustFailedOrInconclusive", mustBroken(r));
        summary.put("gate", r.gatePassed() ? "PASSED" : "FAILED");
        ArrayNode purposes = root.putArray("purposes");
        for (ConformanceReport.PurposeVerdict p : r.purposes()) {
            purposes.addObject().put("id", p.id()).put("level", p.level()).put("title", p.title())
                    .put("clause", p.clause()).put("quote", p.quote()).put("verdict", p.verdict().name())
                    .put("meaning", p.meaning()).put("tests", p.tests()).put("evidence", p.evidence());
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static long mustBroken(ConformanceReport r) {
        return r.purposes().stream().filter(p -> p.must()
                && (p.verdict() == Verdict.FAIL || p.verdict() == Verdict.INCONCLUSIVE)).count();
    }

    static String html(ConformanceReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>EnOS CoAP conformance: ").append(esc(r.clientName())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>EnOS CoAP/DTLS conformance report</h1>\n");
        boolean gate = r.gatePassed();
        h.append("<p class=\"gate ").append(gate ? "ok" : "bad").append("\">")
                .append(gate ? "PASSED: no MUST purpose failed or was inconclusive"
                        : "FAILED: " + gateReason(r))
                .append("</p>\n");
        h.append("<dl class=\"meta\">\n");
        meta(h, "Client", r.clientName() + " " + r.clientVersion());
        meta(h, "Declared capabilities", r.capabilities().isEmpty() ? "(none)" : String.join(", ", r.capabilities()));
        meta(h, "Kit", "enos-coap-conformance " + r.kitVersion());
        meta(h, "Suite class", r.suite());
        meta(h, "Run", SHOWN.format(r.started()) + " (" + seconds(Duration.between(r.started(), r.finished())) + ")");
        h.append("</dl>\n<ul class=\"summary\">\n");
        Map<Verdict, Integer> counts = r.counts();
        for (Verdict v : List.of(Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE, Verdict.NOT_RUN)) {
            h.append("<li class=\"v-").append(v.name()).append("\"><b>").append(counts.get(v)).append("</b> ")
                    .append(v.label().toLowerCase(java.util.Locale.ROOT)).append("</li>\n");
        }
        h.append("</ul>\n</header>\n<main>\n<table>\n<thead><tr><th class=\"c-id\">Purpose</th><th>Level</th>")
                .append("<th>Verdict</th><th class=\"c-ev\">Evidence</th><th class=\"c-cl\">Clause</th></tr></thead>\n<tbody>\n");
        for (ConformanceReport.PurposeVerdict p : r.purposes()) {
            h.append("<tr id=\"").append(esc(p.id())).append("\" class=\"r-").append(p.verdict().name()).append("\">");
            h.append("<td class=\"c-id\"><code>").append(esc(p.id())).append("</code><div class=\"title\">")
                    .append(esc(p.title())).append("</div></td>");
            h.append("<td><span class=\"level l-").append(esc(p.level())).append("\">").append(esc(p.level()))
                    .append("</span></td>");
            h.append("<td><span class=\"badge v-").append(p.verdict().name()).append("\">").append(p.verdict().label())
                    .append("</span>");
            if (p.tests() > 1) {
                h.append("<div class=\"tests\">").append(p.tests()).append(" tests</div>");
            }
            h.append("</td><td class=\"c-ev\">");
            if (!p.meaning().isEmpty()) {
                h.append("<div class=\"meaning\">").append(esc(p.meaning())).append("</div>");
            }
            if (!p.evidence().isEmpty()) {
                String first = p.evidence().lines().findFirst().orElse("");
                if (first.equals(p.evidence()) && first.length() <= 240) {
                    h.append("<pre class=\"short\">").append(esc(first)).append("</pre>");
                } else {
                    boolean open = p.verdict() == Verdict.FAIL || p.verdict() == Verdict.INCONCLUSIVE;
                    h.append("<details").append(open ? " open" : "").append("><summary>")
                            .append(esc(abbreviate(first, 160))).append("</summary><pre>").append(esc(p.evidence()))
                            .append("</pre></details>");
                }
            }
            h.append("</td><td class=\"c-cl\"><b>").append(esc(p.clause())).append("</b>");
            if (!p.quote().isEmpty()) {
                h.append("<blockquote>").append(esc(p.quote())).append("</blockquote>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</main>\n<footer>A purpose judged by several tests takes the worst verdict "
                + "(fail, inconclusive, pass, not applicable). The run passes when no MUST purpose failed or was "
                + "inconclusive and at least one purpose passed.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String gateReason(ConformanceReport r) {
        long broken = mustBroken(r);
        return broken > 0 ? broken + " MUST purpose" + (broken == 1 ? "" : "s") + " failed or inconclusive"
                : "no purpose passed, so nothing was proven";
    }

    private static void meta(StringBuilder h, String key, String value) {
        h.append("<dt>").append(esc(key)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            :root { --fg:#1d232a; --muted:#5b6670; --line:#dde2e7; --bg:#f6f8fa;
              --pass:#1a7f37; --fail:#cf222e; --inc:#9a6700; --na:#57606a; --nr:#8c959f; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
              color: var(--fg); background: #fff; }
            header { padding: 20px 28px 12px; background: var(--bg); border-bottom: 1px solid var(--line); }
            h1 { margin: 0 0 10px; font-size: 22px; }
            .gate { display: inline-block; margin: 0 0 12px; padding: 6px 12px; border-radius: 6px; font-weight: 600;
              color: #fff; }
            .gate.ok { background: var(--pass); } .gate.bad { background: var(--fail); }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
            dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
            ul.summary { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; }
            ul.summary li { padding: 3px 10px; border-radius: 12px; border: 1px solid var(--line); background: #fff; }
            main { padding: 12px 28px 28px; }
            table { width: 100%; border-collapse: collapse; table-layout: fixed; }
            th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line);
              overflow-wrap: anywhere; }
            th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
              position: sticky; top: 0; background: #fff; }
            th:nth-child(2), th:nth-child(3) { width: 130px; }
            .c-id { width: 24%; } .c-cl { width: 24%; } .c-ev { width: auto; }
            code { font: 600 13px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            .title { margin-top: 2px; }
            .tests { margin-top: 4px; font-size: 12px; color: var(--muted); }
            .badge { display: inline-block; padding: 2px 8px; border-radius: 4px; font-size: 12px; font-weight: 700;
              color: #fff; white-space: nowrap; }
            .badge.v-PASS { background: var(--pass); } .badge.v-FAIL { background: var(--fail); }
            .badge.v-INCONCLUSIVE { background: var(--inc); } .badge.v-NOT_APPLICABLE { background: var(--na); }
            .badge.v-NOT_RUN { background: var(--nr); }
            ul.summary li.v-PASS b { color: var(--pass); } ul.summary li.v-FAIL b { color: var(--fail); }
            ul.summary li.v-INCONCLUSIVE b { color: var(--inc); } ul.summary li.v-NOT_APPLICABLE b { color: var(--na); }
            tr.r-FAIL { background: #fff5f5; } tr.r-INCONCLUSIVE { background: #fffbea; }
            tr.r-NOT_RUN td, tr.r-NOT_APPLICABLE td { color: var(--muted); }
            .level { font-size: 12px; font-weight: 700; } .l-MUST { color: var(--fg); } .l-SHOULD { color: var(--muted); }
            .meaning { margin-bottom: 4px; }
            details summary { cursor: pointer; color: var(--muted); overflow-wrap: anywhere; }
            pre { margin: 6px 0 0; padding: 8px 10px; background: var(--bg); border: 1px solid var(--line);
              border-radius: 4px; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap;
              overflow-wrap: anywhere; max-height: 420px; overflow: auto; }
            pre.short { margin-top: 2px; max-height: none; }
            blockquote { margin: 4px 0 0; padding-left: 8px; border-left: 3px solid var(--line); color: var(--muted);
              font-size: 13px; }
            footer { padding: 0 28px 24px; color: var(--muted); font-size: 12px; }
            """;
}
