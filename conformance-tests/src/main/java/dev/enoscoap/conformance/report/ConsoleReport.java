package dev.enoscoap.conformance.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A {@link ConformanceReport} for a terminal or a CI log, in the kit's words: a progress line
 * per purpose as its verdict lands, and a summary that opens with the root causes (each with its
 * whole one-line evidence, never cut, and its fix), then the purposes they stopped. Colour only
 * when asked for; client output in evidence is shown with its control characters made visible.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConsoleReport {
    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String DIM = "\u001B[2m";
    private static final int LABEL_WIDTH = Verdict.NOT_APPLICABLE.label().length();
    private static final String INDENT = "    ";

    private final boolean colour;

    /** @param colour whether to colour verdicts with ANSI escapes */
    public ConsoleReport(boolean colour) {
        this.colour = colour;
    }

    /**
     * One line for a purpose whose verdict landed, e.g.
     * {@code [ 7/24] ENOS-LT-03     PASS            0.8 s   12.4 s so far, about 30 s left}.
     * The estimate of time left is the average time per purpose so far times the purposes left;
     * it appears from the third purpose on.
     */
    public String progressLine(PurposeJudged p) {
        int width = Integer.toString(p.total()).length();
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(String.format(Locale.ROOT, "%" + width + "d/%d", p.done(), p.total())).append("] ")
                .append(String.format(Locale.ROOT, "%-13s ", p.purposeId()))
                .append(verdict(p.verdict(), true)).append(' ')
                .append(String.format(Locale.ROOT, "%6s", HtmlReport.seconds(p.duration())))
                .append("   ").append(clock(p.elapsed())).append(" so far");
        int left = p.total() - p.done();
        if (left > 0 && p.done() >= 3) {
            Duration estimate = p.elapsed().multipliedBy(left).dividedBy(p.done());
            sb.append(", about ").append(clock(estimate)).append(" left");
        }
        if (p.prerequisite() != null) {
            sb.append("   because of ").append(p.prerequisite());
        }
        if (!p.notes().isEmpty()) {
            sb.append("   (noted in the summary)");
        }
        return sb.toString();
    }

    /**
     * The summary: the gate in one sentence, the root causes, the purposes they stopped, the
     * purposes that do not apply, the notes on how purposes were judged, and the counts.
     */
    public List<String> summary(ConformanceReport r) {
        List<String> out = new ArrayList<>();
        out.add(paint(r.gatePassed() ? GREEN + BOLD : RED + BOLD, r.gateSummary()));
        List<PurposeVerdict> roots = r.rootCauses();
        if (!roots.isEmpty()) {
            out.add("");
            out.add(ConformanceReport.plural(roots.size(), "purpose") + " failed on "
                    + (roots.size() == 1 ? "its own" : "their own") + " (fix " + (roots.size() == 1 ? "it" : "these")
                    + " first):");
            for (PurposeVerdict p : roots) {
                out.add("  " + verdict(p.verdict(), true) + " " + p.id() + " (" + p.level() + ") " + Text.oneLine(p.title())
                        + (p.must() ? "" : "   [SHOULD: does not fail the gate]"));
                if (!p.headline().isEmpty()) {
                    out.add(INDENT + Text.oneLine(p.headline()) + tests(p));
                }
                if (!p.fix().isEmpty()) {
                    out.add(INDENT + (p.verdict() == Verdict.FAIL ? "fix: " : "needs: ") + Text.oneLine(p.fix()));
                }
            }
        }
        Map<String, List<PurposeVerdict>> byRoot = r.consequencesByRootCause();
        if (!byRoot.isEmpty()) {
            int n = byRoot.values().stream().mapToInt(List::size).sum();
            out.add("");
            out.add(ConformanceReport.plural(n, "purpose") + " could not be judged because of "
                    + (roots.size() == 1 ? "it" : "them") + ":");
            byRoot.forEach((root, stopped) -> out.add("  because of " + root + " (" + stopped.size() + "): "
                    + stopped.stream().map(PurposeVerdict::id).collect(Collectors.joining(", "))));
        }
        List<PurposeVerdict> notApplicable = r.purposes().stream().filter(p -> p.verdict() == Verdict.NOT_APPLICABLE)
                .toList();
        if (!notApplicable.isEmpty()) {
            out.add("");
            out.add("Not applicable (" + notApplicable.size() + "):");
            for (PurposeVerdict p : notApplicable) {
                out.add(String.format(Locale.ROOT, "  %-13s %s", p.id(),
                        Text.oneLine(p.headline().isEmpty() ? p.meaning() : p.headline())));
            }
        }
        List<PurposeVerdict> noted = r.purposes().stream().filter(p -> !p.notes().isEmpty()).toList();
        if (!noted.isEmpty()) {
            out.add("");
            out.add("Noted on how they were judged (" + noted.size() + "):");
            for (PurposeVerdict p : noted) {
                for (String note : p.notes()) {
                    out.add(String.format(Locale.ROOT, "  %-13s %s %s", p.id(), verdict(p.verdict(), true),
                            Text.oneLine(note)));
                }
            }
        }
        out.add("");
        out.add(counts(r) + "  (" + HtmlReport.seconds(Duration.between(r.started(), r.finished())) + ")");
        return out;
    }

    /** The counts, e.g. {@code 22 pass, 0 fail, 0 inconclusive, 2 not applicable, 0 not run}. */
    public static String counts(ConformanceReport r) {
        Map<Verdict, Integer> counts = r.counts();
        return List.of(Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE, Verdict.NOT_RUN)
                .stream().map(v -> counts.get(v) + " " + v.lower()).collect(Collectors.joining(", "));
    }

    /** {@code text} in bold green or red when colouring. */
    public String gate(boolean passed, String text) {
        return paint((passed ? GREEN : RED) + BOLD, text);
    }

    private static String tests(PurposeVerdict p) {
        if (p.tests().size() < 2) {
            return "";
        }
        long same = p.tests().stream().filter(t -> t.verdict() == p.verdict()).count();
        return "  (" + same + " of " + p.tests().size() + " tests)";
    }

    private String verdict(Verdict v, boolean padded) {
        String label = padded ? String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", v.label()) : v.label();
        return switch (v) {
            case PASS -> paint(GREEN, label);
            case FAIL -> paint(RED + BOLD, label);
            case INCONCLUSIVE -> paint(YELLOW, label);
            case NOT_APPLICABLE, NOT_RUN -> paint(DIM, label);
        };
    }

    private String paint(String style, String text) {
        return colour ? style + text + RESET : text;
    }

    /** {@code 12.4 s} under a minute, else {@code 6 min 36 s}. */
    static String clock(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return HtmlReport.seconds(d);
        }
        return s / 60 + " min " + s % 60 + " s";
    }
}
