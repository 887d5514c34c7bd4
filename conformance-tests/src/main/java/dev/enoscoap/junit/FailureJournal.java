package dev.enoscoap.junit;

import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a failed test's servers saw, bounded: published as a report entry, and attached to the
 * failure as a suppressed exception so that it shows in the failure output.
 */
final class FailureJournal {
    /** The report entry's key. */
    static final String REPORT_KEY = "enos-journal";
    /** At most this many entries, the last ones, are shown. */
    static final int MAX_ENTRIES = 100;
    /** At most about this many characters are shown. */
    static final int MAX_CHARS = 16_000;
    /** A longer line is cut. */
    static final int MAX_LINE = 500;

    private FailureJournal() {
    }

    /** Publishes and attaches what each server saw since the test started with it. */
    static void publish(ExtensionContext context, Throwable failure, Map<RunningServer, Long> marks) {
        marks.forEach((server, startsAfter) -> {
            String text = describe(server, startsAfter);
            context.publishReportEntry(REPORT_KEY, text);
            failure.addSuppressed(new JournalAtFailure(text));
        });
    }

    /** The entries after {@code startsAfter}, the newest {@link #MAX_ENTRIES} at most, one a line. */
    static String describe(RunningServer server, long startsAfter) {
        Journal journal = server.server().journal();
        List<JournalEntry> entries = journal.entriesSince(startsAfter);
        StringBuilder sb = new StringBuilder("the mock server at ").append(server.server().coapsUri())
                .append(" saw, while the test ran: ");
        if (entries.isEmpty()) {
            return sb.append("nothing\n").toString();
        }
        sb.append(entries.size()).append(entries.size() == 1 ? " entry" : " entries").append('\n');
        long firstHeld = entries.get(0).sequence();
        if (firstHeld > startsAfter + 1) {
            sb.append("  (").append(firstHeld - startsAfter - 1).append(" earlier entries dropped; journal capacity ")
                    .append(journal.capacity()).append(")\n");
        }
        Deque<String> shown = new ArrayDeque<>();
        int chars = 0;
        for (int i = entries.size() - 1; i >= 0 && shown.size() < MAX_ENTRIES; i--) {
            String line = JournalText.line(entries.get(i));
            if (line.length() > MAX_LINE) {
                line = line.substring(0, MAX_LINE) + " ...";
            }
            if (chars + line.length() > MAX_CHARS && !shown.isEmpty()) {
                break;
            }
            shown.addFirst(line);
            chars += line.length() + 3;
        }
        if (shown.size() < entries.size()) {
            sb.append("  ... ").append(entries.size() - shown.size()).append(" earlier entries left out\n");
        }
        for (String line : shown) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** The journal text as a suppressed exception: no stack trace, just the message. */
    static final class JournalAtFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalAtFailure(String text) {
            super(text, null, false, false);
        }

        @Override
        public String toString() {
            return "EnOS mock journal: " + getMessage();
        }
    }
}
