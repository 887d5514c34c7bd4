package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Counts what the server dropped or refused because of a limit or a flood, and journals it without
 * flooding the journal: the first drop of each counter in an interval is journaled at once (with
 * its detail), the rest are counted and journaled as one summary when the interval is over
 * ({@link #flush}). Totals since start stay readable ({@link #totals}). Thread-safe; time from the
 * server's clock.
 */
@API(status = INTERNAL, since = "0.1")
public final class DropReport {
    /** The default interval between summaries. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Journal journal;
    private final Clock clock;
    private final Duration interval;
    /** Drops since start by counter, each in a one-element array counted up in place. */
    private final Map<String, long[]> totals = new HashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        final ServerEvent.Kind kind;
        final Instant since;
        long counted;
        Supplier<String> lastDetail;

        Pending(ServerEvent.Kind kind, Instant since) {
            this.kind = kind;
            this.since = since;
        }
    }

    /**
     * @param journal where entries go
     * @param clock the server's clock
     * @param interval how long after a first drop its summary is due
     */
    public DropReport(Journal journal, Clock clock, Duration interval) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.interval = interval;
    }

    /**
     * Counts one drop of a limit. The first in an interval is journaled at once as
     * {@link ServerEvent.Kind#LIMIT_REACHED} with {@code detail}; later ones wait for the summary.
     */
    public void limitReached(String what, DeviceId device, String detail) {
        count(ServerEvent.Kind.LIMIT_REACHED, what, device, () -> detail, true);
    }

    /**
     * Counts one drop of a limit, as {@link #limitReached(String, DeviceId, String)} does, with a
     * detail made only when a journal entry needs it: for a drop that recurs with every request.
     */
    public void limitReached(String what, DeviceId device, Supplier<String> detail) {
        count(ServerEvent.Kind.LIMIT_REACHED, what, device, detail, true);
    }

    /** Counts one occurrence that is never journaled on its own, only in the interval's summary. */
    public void suppressed(String what, String detail) {
        count(ServerEvent.Kind.SUPPRESSED, what, null, () -> detail, false);
    }

    private void count(ServerEvent.Kind kind, String what, DeviceId device, Supplier<String> detail, boolean journalFirst) {
        boolean first;
        synchronized (this) {
            totals.computeIfAbsent(what, w -> new long[1])[0]++;
            Pending p = pending.get(what);
            first = p == null;
            if (first) {
                p = new Pending(kind, clock.instant());
                pending.put(what, p);
                if (!journalFirst) {
                    p.counted++;
                    p.lastDetail = detail;
                }
            } else {
                p.counted++;
                p.lastDetail = detail;
            }
        }
        if (first && journalFirst) {
            journal.record((seq, time) -> new ServerEvent(seq, time, kind, what, device, 1,
                    detail.get() + "; further drops of " + what + " are counted and summed up every " + interval.toSeconds()
                            + " s"));
        }
    }

    /** Journals the summaries whose interval is over. Call it often (the server does, every second). */
    public void flush() {
        flush(false);
    }

    /** Journals every pending summary now, e.g. at shutdown or before a test looks. */
    public void flushAll() {
        flush(true);
    }

    private void flush(boolean all) {
        Instant now = clock.instant();
        Map<String, Pending> due = new LinkedHashMap<>();
        synchronized (this) {
            pending.entrySet().removeIf(e -> {
                boolean over = all || !now.isBefore(e.getValue().since.plus(interval));
                if (over) {
                    due.put(e.getKey(), e.getValue());
                }
                return over;
            });
        }
        due.forEach((what, p) -> {
            if (p.counted > 0) {
                long seconds = Math.max(1, Duration.between(p.since, now).toSeconds());
                journal.record((seq, time) -> new ServerEvent(seq, time, p.kind, what, null, p.counted,
                        p.counted + " more in the last " + seconds + " s; the last: " + p.lastDetail.get()));
            }
        });
    }

    /** How many drops of each counter since the server started. */
    public synchronized Map<String, Long> totals() {
        Map<String, Long> copy = new TreeMap<>();
        totals.forEach((what, n) -> copy.put(what, n[0]));
        return Collections.unmodifiableMap(copy);
    }

    /** How many drops of {@code what} since the server started. */
    public synchronized long total(String what) {
        long[] n = totals.get(what);
        return n == null ? 0 : n[0];
    }
}
