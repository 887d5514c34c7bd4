package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.journal.FaultEntry;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured data the mock writes into a fault's detail text (e.g. the Message ID of a dropped
 * request: {@code … mid=123 dropped …}). The one place that reads it, until the journal
 * carries it as a field.
 */
final class FaultDetail {
    private static final Pattern MID = Pattern.compile("\\bmid=(\\d+)");

    private FaultDetail() {
    }

    /** The Message ID of a dropped request. */
    static OptionalInt messageId(FaultEntry drop) {
        Matcher m = MID.matcher(drop.detail());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The dropped requests among the journal's faults. */
    static List<FaultEntry> drops(List<FaultEntry> faults) {
        return faults.stream().filter(f -> f.kind() == FaultEntry.Kind.REQUEST_DROPPED).toList();
    }
}
