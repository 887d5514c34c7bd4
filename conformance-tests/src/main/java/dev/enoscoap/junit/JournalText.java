package dev.enoscoap.junit;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/** Journal entries as text for failure messages, near misses first. */
final class JournalText {
    /** At most this many entries are listed in a message. */
    static final int MAX_LINES = 40;

    private JournalText() {
    }

    static String line(JournalEntry e) {
        return "#" + e.sequence() + " " + e.describe();
    }

    /**
     * The device an entry is about, or {@code null} (a malformed identity, a request without
     * session, a fault on a path for every device).
     */
    static DeviceId deviceOf(JournalEntry e) {
        if (e.device() == null && e instanceof HandshakeEntry h && h.identityReceived() != null) {
            List<String> fields = PskIdentity.fields(h.identityReceived());
            if (fields.size() >= 2 && !fields.get(0).isEmpty() && !fields.get(1).isEmpty()) {
                return new DeviceId(fields.get(0), fields.get(1));
            }
        }
        return e.device();
    }

    /**
     * What the journal held, best matches first: entries scoring higher on {@code nearness} are
     * listed first (and tagged as near misses when the score is above 0), the rest in order.
     */
    static String listing(List<JournalEntry> entries, ToIntFunction<? super JournalEntry> nearness) {
        if (entries.isEmpty()) {
            return "  (nothing)\n";
        }
        List<JournalEntry> sorted = entries.stream()
                .sorted(Comparator.<JournalEntry>comparingInt(nearness::applyAsInt).reversed()
                        .thenComparingLong(JournalEntry::sequence))
                .toList();
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (JournalEntry e : sorted) {
            if (shown == MAX_LINES) {
                sb.append("  ... and ").append(sorted.size() - shown).append(" more\n");
                break;
            }
            sb.append(nearness.applyAsInt(e) > 0 ? "  near miss: " : "  other:     ").append(line(e)).append('\n');
            shown++;
        }
        return sb.toString();
    }
}
