package dev.enoscoap.conformance.report;

import dev.enoscoap.conformance.report.ConformanceReport.PurposeVerdict;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link ConformanceReport} as JUnit XML (the Ant/Surefire format that GitHub Actions test
 * reporters, GitLab's {@code artifacts:reports:junit} and Jenkins' {@code junit} step read): one
 * {@code testcase} per purpose, named {@code PURPOSE (LEVEL) title}, class name
 * {@code enos.conformance.AREA}.
 * <ul>
 * <li>PASS: a plain {@code testcase}</li>
 * <li>FAIL: {@code <failure type="FAIL">}, message the one-line evidence, body the whole evidence
 * and the fix. A SHOULD purpose's failure is a failure too (its message says it does not gate).</li>
 * <li>INCONCLUSIVE of a MUST purpose: {@code <error type="INCONCLUSIVE">}. It fails the gate, so
 * it must not look like a skip; it is an error rather than a failure because nothing was proven
 * about the client. The message names the root cause when another purpose's failure stopped it.</li>
 * <li>INCONCLUSIVE of a SHOULD purpose: {@code <skipped>} with the reason (it neither proves
 * anything nor gates).</li>
 * <li>NOT APPLICABLE and NOT RUN: {@code <skipped>} with the reason.</li>
 * </ul>
 * A purpose with notes on how it was judged carries them in its {@code <system-out>}.
 * Suite properties carry the kit version, the client and the gate.
 */
final class JUnitXmlReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JUnitXmlReport() {
    }

    /** The XML document for {@code report}. */
    static String render(ConformanceReport r) {
        List<PurposeVerdict> all = r.purposes();
        long failures = all.stream().filter(p -> p.verdict() == Verdict.FAIL).count();
        long errors = all.stream().filter(JUnitXmlReport::isError).count();
        long skipped = all.stream().filter(p -> kind(p) == Kind.SKIPPED).count();
        String time = seconds(Duration.between(r.started(), r.finished()));
        String name = "EnOS CoAP conformance: " + r.clientName() + " " + r.clientVersion();
        StringBuilder x = new StringBuilder(8_192);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"").append(attr(name)).append("\" tests=\"").append(all.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(time).append("\">\n");
        x.append("  <testsuite name=\"").append(attr(name)).append("\" tests=\"").append(all.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(time)
                .append("\" timestamp=\"").append(TIMESTAMP.format(r.started().truncatedTo(ChronoUnit.SECONDS)))
                .append("\">\n");
        x.append("    <properties>\n");
        property(x, "enos.kit.version", r.kitVersion());
        property(x, "enos.client.name", r.clientName());
        property(x, "enos.client.version", r.clientVersion());
        property(x, "enos.client.capabilities", String.join(",", r.capabilities()));
        property(x, "enos.suite", r.suite());
        property(x, "enos.gate", r.gatePassed() ? "PASSED" : "FAILED");
        property(x, "enos.gate.summary", r.gateSummary());
        property(x, "enos.rootCauses", String.join(",", r.rootCauses().stream().map(PurposeVerdict::id).toList()));
        x.append("    </properties>\n");
        for (PurposeVerdict p : all) {
            testcase(x, r, p);
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private enum Kind { PASSED, FAILURE, ERROR, SKIPPED }

    private static Kind kind(PurposeVerdict p) {
        return switch (p.verdict()) {
            case PASS -> Kind.PASSED;
            case FAIL -> Kind.FAILURE;
            case INCONCLUSIVE -> p.must() ? Kind.ERROR : Kind.SKIPPED;
            case NOT_APPLICABLE, NOT_RUN -> Kind.SKIPPED;
        };
    }

    private static boolean isError(PurposeVerdict p) {
        return kind(p) == Kind.ERROR;
    }

    private static void testcase(StringBuilder x, ConformanceReport r, PurposeVerdict p) {
        String[] parts = p.id().split("-");
        String area = parts.length > 1 ? parts[1] : p.id();
        x.append("    <testcase classname=\"enos.conformance.").append(attr(area)).append("\" name=\"")
                .append(attr(p.id() + " (" + p.level() + ") " + p.title())).append("\" time=\"")
                .append(seconds(p.duration())).append('"');
        Kind kind = kind(p);
        if (kind == Kind.PASSED && p.notes().isEmpty()) {
            x.append("/>\n");
            return;
        }
        x.append(">\n");
        switch (kind) {
            case FAILURE -> element(x, "failure", "FAIL",
                    (p.must() ? "" : "SHOULD, does not fail the gate: ") + p.headline(),
                    p.evidence() + (p.fix().isEmpty() ? "" : "\n\nfix: " + p.fix()));
            case ERROR -> element(x, "error", "INCONCLUSIVE", because(r, p) + p.headline(), p.evidence());
            case SKIPPED -> {
                String reason = switch (p.verdict()) {
                    case NOT_RUN -> "not run: not selected in this run";
                    case INCONCLUSIVE -> "inconclusive (SHOULD, does not fail the gate): " + because(r, p) + p.headline();
                    default -> p.headline().isEmpty() ? p.meaning() : p.headline();
                };
                x.append("      <skipped message=\"").append(attr(reason)).append("\"/>\n");
            }
            case PASSED -> {
                // a pass needs no element; its notes follow
            }
        }
        if (!p.notes().isEmpty()) {
            // Notes on how the purpose was judged, where CI test views show a test's output.
            x.append("      <system-out>").append(text(p.notes().stream().map(n -> "note: " + n + "\n")
                    .collect(Collectors.joining()))).append("</system-out>\n");
        }
        x.append("    </testcase>\n");
    }

    private static String because(ConformanceReport r, PurposeVerdict p) {
        return r.rootCauseOf(p.id()).map(root -> "could not be judged because of " + root + ": ").orElse("");
    }

    private static void element(StringBuilder x, String tag, String type, String message, String body) {
        x.append("      <").append(tag).append(" type=\"").append(type).append("\" message=\"").append(attr(message))
                .append("\">").append(text(body)).append("</").append(tag).append(">\n");
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    /** Escapes XML 1.0 character data; characters XML cannot carry are shown as control pictures. */
    static String text(String s) {
        return Text.markup(s, "");
    }

    /** Escapes an XML attribute value; line breaks and tabs stay as character references. */
    static String attr(String s) {
        return Text.markup(s, "\"\n\t");
    }
}
