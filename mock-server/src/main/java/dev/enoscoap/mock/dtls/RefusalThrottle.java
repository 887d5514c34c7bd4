package dev.enoscoap.mock.dtls;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which refused handshakes are journaled one by one: in each interval, the first
 * {@link #PER_IDENTITY} of each source address and identity, and at most {@link #IN_ALL} in all. The
 * rest are only counted (a summary line per interval). A refused identity comes after the cookie
 * exchange, so its source address is real: every device and identity has its first refusals
 * journaled in full (what conformance verdicts quote), and one peer cannot flush the journal.
 *
 * <p>The interval is real elapsed time, not the server's clock: it limits the rate of a flood, which
 * a virtual clock does not see.
 */
final class RefusalThrottle {
    /** Refusals journaled one by one per source address, identity and interval. */
    static final int PER_IDENTITY = 10;
    /** Refusals journaled one by one per interval, of all sources together. */
    static final int IN_ALL = 500;
    /** The interval. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_KEYS = 10_000;
    private static final int IDENTITY_CHARS = 128;

    private final LongSupplier nanos;
    private final Map<String, Integer> perKey = new HashMap<>();
    private long intervalStart;
    private boolean started;
    private int inAll;

    RefusalThrottle() {
        this(System::nanoTime);
    }

    RefusalThrottle(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Whether this refusal of {@code identity} from {@code source} is journaled on its own (else it is only counted). */
    synchronized boolean journalOnItsOwn(InetAddress source, String identity) {
        long now = nanos.getAsLong();
        if (!started || now - intervalStart >= INTERVAL.toNanos()) {
            started = true;
            intervalStart = now;
            perKey.clear();
            inAll = 0;
        }
        if (inAll >= IN_ALL) {
            return false;
        }
        String id = identity == null ? "" : identity.length() > IDENTITY_CHARS ? identity.substring(0, IDENTITY_CHARS) : identity;
        String key = source.getHostAddress() + "|" + id;
        Integer n = perKey.get(key);
        if (n == null && perKey.size() >= MAX_KEYS) {
            return false;
        }
        int count = n == null ? 0 : n;
        if (count >= PER_IDENTITY) {
            return false;
        }
        perKey.put(key, count + 1);
        inAll++;
        return true;
    }
}
