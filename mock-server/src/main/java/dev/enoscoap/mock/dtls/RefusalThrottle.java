package dev.enoscoap.mock.dtls;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which refused handshakes are journaled one by one: in each interval, the first
 * {@link #PER_SOURCE} of each source address and at most {@link #IN_ALL} in all. The rest are only
 * counted (a summary line per interval). A refused identity comes after the cookie exchange, so
 * its source address is real: a device retrying at a sane pace is always journaled in full, and
 * one address cannot flush the journal. Time from the server's clock.
 */
final class RefusalThrottle {
    /** Refusals journaled one by one per source address and interval. */
    static final int PER_SOURCE = 10;
    /** Refusals journaled one by one per interval, of all sources together. */
    static final int IN_ALL = 200;
    /** The interval. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_SOURCES = 10_000;

    private final Clock clock;
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private Instant intervalStart;
    private int inAll;

    RefusalThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether this refusal from {@code source} is journaled on its own (else it is only counted). */
    synchronized boolean journalOnItsOwn(InetAddress source) {
        Instant now = clock.instant();
        if (intervalStart == null || !now.isBefore(intervalStart.plus(INTERVAL))) {
            intervalStart = now;
            perSource.clear();
            inAll = 0;
        }
        if (inAll >= IN_ALL) {
            return false;
        }
        Integer n = perSource.get(source);
        if (n == null && perSource.size() >= MAX_SOURCES) {
            return false;
        }
        int count = n == null ? 0 : n;
        if (count >= PER_SOURCE) {
            return false;
        }
        perSource.put(source, count + 1);
        inAll++;
        return true;
    }
}
