package dev.enoscoap.conformance.report;

import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import dev.enoscoap.conformance.report.ConformanceReport.TestVerdict;
import dev.enoscoap.conformance.suite.JudgedBy;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The HTML page of a {@link ConformanceReport}, from the template {@code conformance-report.html}:
 * the gate, the client, the counts and one chip per purpose; then the root causes with their
 * one-line evidence and fix, the purposes they stopped, and every other purpose in catalogue
 * order, each with the notes on how it was judged. Every evidence text appears once. Self-contained: no script, no external asset; the
 * FAIL / INCONCLUSIVE / all filter is CSS.
 */
final class HtmlReport {
    static final String TEMPLATE = "conformance-report.html";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final List<Verdict> ORDER = List.of(Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE,
            Verdict.NOT_APPLICABLE, Verdict.NOT_RUN);

    private final Template template;
    private final ConformanceReport report;

    private HtmlReport(Template template, ConformanceReport report) {
        this.template = template;
        this.report = report;
    }

    /** The page for {@code report}. */
    static String render(ConformanceReport report) {
        return new HtmlReport(Template.load(TEMPLATE), report).page();
    }

    private String page() {
        boolean passed = report.gatePassed();
        Map<Verdict, Integer> counts = report.counts();
        StringBuilder countItems = new StringBuilder();
        for (Verdict v : ORDER) {
            countItems.append(template.render("count", new Template.Values().text("verdict", v.name())
                    .text("n", counts.get(v)).text("label", v.lower()))).append('\n');
        }
        StringBuilder chips = new StringBuilder();
        for (PurposeVerdict p : report.purposes()) {
            chips.append(template.render("chip", new Template.Values().text("verdict", p.verdict().name())
                    .text("id", p.id()).text("verdictLabel", p.verdict().label()).text("title", p.title())
                    .text("short", p.id().startsWith("ENOS-") ? p.id().substring(5) : p.id()))).append('\n');
        }
        return template.render("page", new Template.Values()
                .text("gateWord", passed ? "PASSED" : "FAILED")
                .text("client", report.clientName())
                .text("gateClass", passed ? "ok" : "bad")
                .text("gateSummary", report.gateSummary())
                .html("meta", meta())
                .html("counts", countItems)
                .html("chips", chips)
                .text("all", report.purposes().size())
                .text("fail", counts.get(Verdict.FAIL))
                .text("inconclusive", counts.get(Verdict.INCONCLUSIVE))
                .html("noneFail", counts.get(Verdict.FAIL) > 0 ? "" : template.render("none",
                        new Template.Values().text("kind", "fail").text("text", "No purpose failed.")))
                .html("noneInconclusive", counts.get(Verdict.INCONCLUSIVE) > 0 ? "" : template.render("none",
                        new Template.Values().text("kind", "inconclusive").text("text", "No purpose was inconclusive.")))
                .html("sections", sections())) + "\n";
    }

    private String meta() {
        StringBuilder m = new StringBuilder();
        meta(m, "Client", report.clientName() + " " + report.clientVersion());
        meta(m, "Declared capabilities", report.capabilities().isEmpty() ? "(none)" : String.join(", ",
                report.capabilities()));
        meta(m, "Judged", judged());
        meta(m, "Kit", "enos-coap-conformance " + report.kitVersion());
        if (!report.suite().isEmpty()) {
            meta(m, "Suite", report.suite());
        }
        meta(m, "Run", SHOWN.format(report.started()) + ", "
                + seconds(Duration.between(report.started(), report.finished())));
        return m.toString();
    }

    private String judged() {
        Set<JudgedBy> how = report.purposes().stream().filter(p -> p.verdict() != Verdict.NOT_RUN)
                .map(PurposeVerdict::judgedBy).collect(Collectors.toCollection(TreeSet::new));
        if (how.isEmpty()) {
            return "nothing was judged";
        }
        return how.stream().map(h -> h == JudgedBy.ACTIVE ? "actively (the kit drove the client)"
                : "by observation (the kit watched the device)").collect(Collectors.joining("; "));
    }

    private void meta(StringBuilder m, String key, String value) {
        m.append(template.render("meta", new Template.Values().text("key", key).text("value", value))).append('\n');
    }

    private String sections() {
        StringBuilder s = new StringBuilder();
        List<PurposeVerdict> roots = report.rootCauses();
        List<PurposeVerdict> consequences = report.consequences();
        if (!roots.isEmpty()) {
            StringBuilder items = new StringBuilder();
            roots.forEach(p -> items.append(root(p)).append('\n'));
            s.append(section("roots", ConformanceReport.plural(roots.size(), "purpose") + " failed on "
                    + (roots.size() == 1 ? "its own" : "their own") + ": fix "
                    + (roots.size() == 1 ? "it" : "these") + " first",
                    "Each shows its evidence in one line, what it means, what to change, and the purposes it stopped; "
                            + "the journal is folded below it.", items));
        }
        if (!consequences.isEmpty()) {
            StringBuilder items = new StringBuilder();
            consequences.forEach(p -> items.append(consequence(p)).append('\n'));
            s.append(section("consequences", ConformanceReport.plural(consequences.size(), "purpose")
                    + " could not be judged because of " + (roots.size() == 1 ? "it" : "them"),
                    "Nothing is known about these yet: fix the root cause and run again.", items));
        }
        List<PurposeVerdict> rest = report.purposes().stream()
                .filter(p -> !report.isRootCause(p) && report.causeChain(p.id()).isEmpty()).toList();
        if (!rest.isEmpty()) {
            StringBuilder items = new StringBuilder();
            rest.forEach(p -> items.append(other(p)).append('\n'));
            String intro = ORDER.stream().map(v -> Map.entry(v, rest.stream().filter(p -> p.verdict() == v).count()))
                    .filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey().lower())
                    .collect(Collectors.joining(", ")) + ".";
            s.append(section("rest", (roots.isEmpty() && consequences.isEmpty() ? "All purposes" : "All other purposes")
                    + ", in catalogue order", intro, items));
        }
        return s.toString();
    }

    private String section(String kind, String heading, String intro, CharSequence items) {
        return template.render("section", new Template.Values().text("kind", kind).text("heading", heading)
                .text("intro", intro).html("items", items)) + "\n";
    }

    private String head(PurposeVerdict p) {
        return template.render("head", new Template.Values().text("verdict", p.verdict().name())
                .text("verdictLabel", p.verdict().label()).text("id", p.id()).text("level", p.level().name())
                .text("title", p.title()).text("time", p.verdict() == Verdict.NOT_RUN ? "" : seconds(p.duration())));
    }

    private String root(PurposeVerdict p) {
        List<PurposeVerdict> stopped = report.consequences().stream()
                .filter(c -> report.rootCauseOf(c.id()).orElseThrow().equals(p.id())).toList();
        String stoppedHtml = stopped.isEmpty() ? "" : template.render("stopped", new Template.Values()
                .text("count", stopped.size()).html("links", links(stopped.stream().map(PurposeVerdict::id).toList())));
        return template.render("root", new Template.Values().text("verdict", p.verdict().name()).text("id", p.id())
                .html("head", head(p)).text("headline", p.headline()).text("meaning", p.meaning())
                .text("fixLabel", p.verdict() == Verdict.FAIL ? "Fix" : "Needs")
                .text("fix", p.fix().isEmpty() ? "(the catalogue names no fix)" : p.fix()).html("stopped", stoppedHtml)
                .html("notes", notes(p))
                .html("details", restOfEvidence(p, true)).text("clause", p.clause()).text("quote", p.quote()));
    }

    private String consequence(PurposeVerdict p) {
        List<String> chain = report.causeChain(p.id());
        StringBuilder because = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            String id = chain.get(i);
            boolean last = i == chain.size() - 1;
            Verdict v = report.purpose(id).map(PurposeVerdict::verdict).orElse(Verdict.INCONCLUSIVE);
            if (i > 0) {
                because.append(", because ");
            }
            because.append(link(id)).append(last && v == Verdict.FAIL ? " failed" : " could not be judged");
        }
        return template.render("consequence", new Template.Values().text("verdict", p.verdict().name())
                .text("id", p.id()).html("head", head(p)).html("chain", because).html("notes", notes(p))
                .html("details", allEvidence(p)));
    }

    private String other(PurposeVerdict p) {
        String headline = p.headline().isEmpty() ? ""
                : template.render("headline", new Template.Values().text("text", p.headline()));
        return template.render("other", new Template.Values().text("verdict", p.verdict().name()).text("id", p.id())
                .html("head", head(p)).text("meaning", p.meaning()).html("notes", notes(p)).html("headline", headline)
                .html("details", restOfEvidence(p, false)).text("clause", p.clause()).text("quote", p.quote()));
    }

    /** What the judge noted on how it judged the purpose, one paragraph each; empty if nothing. */
    private String notes(PurposeVerdict p) {
        StringBuilder sb = new StringBuilder();
        p.notes().forEach(n -> sb.append(template.render("note", new Template.Values().text("text", n))).append('\n'));
        return sb.toString();
    }

    /** The evidence after the headline, folded; empty if there is none. */
    private String restOfEvidence(PurposeVerdict p, boolean open) {
        List<TestVerdict> worst = p.worstTests();
        if (worst.isEmpty()) {
            return "";
        }
        StringBuilder blocks = new StringBuilder();
        int lines = 0;
        boolean several = p.tests().size() > 1;
        for (int i = 0; i < worst.size(); i++) {
            TestVerdict t = worst.get(i);
            String text = i == 0 ? ConformanceReport.afterFirstLine(t.evidence()) : t.evidence();
            if (text.isBlank()) {
                continue;
            }
            lines += (int) text.lines().count();
            blocks.append(block(several ? t.name() : null, text));
        }
        if (blocks.length() == 0) {
            return "";
        }
        String summary = several ? testCount(p) + ": the evidence of each"
                : "Journal and further evidence (" + ConformanceReport.plural(lines, "line") + ")";
        return details(summary, blocks, open && lines <= 60);
    }

    /** All of the evidence, folded (for a purpose whose headline is not shown). */
    private String allEvidence(PurposeVerdict p) {
        List<TestVerdict> worst = p.worstTests();
        if (worst.isEmpty()) {
            return "";
        }
        boolean several = p.tests().size() > 1;
        StringBuilder blocks = new StringBuilder();
        worst.forEach(t -> blocks.append(block(several ? t.name() : null, t.evidence())));
        return details(several ? testCount(p) + ": their messages" : "Its message", blocks, false);
    }

    private static String testCount(PurposeVerdict p) {
        long same = p.tests().stream().filter(t -> t.verdict() == p.verdict()).count();
        return same + " of " + p.tests().size() + " tests " + p.verdict().label();
    }

    private String block(String name, String text) {
        Template.Values v = new Template.Values().text("text", text);
        return (name == null ? template.render("block", v) : template.render("named-block", v.text("name", name))) + "\n";
    }

    private String details(String summary, CharSequence blocks, boolean open) {
        return template.render("details", new Template.Values().html("open", open ? " open" : "")
                .text("summary", summary).html("blocks", blocks));
    }

    private String links(List<String> ids) {
        return ids.stream().map(this::link).collect(Collectors.joining(", "));
    }

    private String link(String id) {
        return template.render("link", new Template.Values().text("id", id));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
