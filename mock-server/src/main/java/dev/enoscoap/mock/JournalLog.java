package dev.enoscoap.mock;

import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Writes one log line per journal entry on a thread of its own, so that neither formatting the
 * entry nor the appender (a console is slow) runs on the DTLS and CoAP threads. Entries wait in a
 * bounded queue; when the log cannot keep up, entries that find the queue full are not logged
 * (they stay in the journal) and counted, and the count is logged once the log has caught up.
 *
 * <p>Past {@link #LINES_PER_SECOND} lines in a second (a load test, not a device under test) the
 * rest of that second's entries are counted instead of written, and one line a second says how
 * many: no one reads thousands of lines a second, and writing them would cost the server more
 * than answering the requests. Warnings are always written.
 *
 * <p>Handing an entry over costs the recording thread a lock-free enqueue: while busy the writer
 * looks for work every few milliseconds and is never woken; once idle it sleeps until the next
 * entry wakes it, so a line appears at once after a quiet spell.
 */
final class JournalLog implements Consumer<JournalEntry>, AutoCloseable {
    /** Entries waiting to be logged at most. */
    static final int QUEUE_CAPACITY = 8_192;
    /** Lines written in one second at most (warnings not counted); the rest are counted. */
    static final int LINES_PER_SECOND = 1_000;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Queue<JournalEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int linesPerSecond;
    /** The second ({@link System#nanoTime()} / 1 s) whose lines {@link #inSecond} counts. */
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inSecond = new AtomicInteger();
    private final AtomicLong overRate = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean started;
    /** Whether the writer sleeps until an entry wakes it. */
    private volatile boolean idle;
    private long droppedLogged;
    private long overRateLogged;
    private long overRateLoggedAt = System.nanoTime();

    JournalLog(Logger log, String name) {
        this(log, name, LINES_PER_SECOND);
    }

    JournalLog(Logger log, String name, int linesPerSecond) {
        this.log = log;
        this.linesPerSecond = linesPerSecond;
        this.writer = new Thread(this::write, name);
        writer.setDaemon(true);
    }

    @Override
    public void accept(JournalEntry entry) {
        boolean warning = isWarning(entry);
        if (closed || !(warning ? log.isWarnEnabled() : log.isInfoEnabled())) {
            return;
        }
        if (!started) {
            startWriter();
        }
        if (!warning && spendsBudget()) {
            overRate.incrementAndGet();
            return;
        }
        if (queued.incrementAndGet() > QUEUE_CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(entry);
        if (idle) {
            LockSupport.unpark(writer);
        }
    }

    /** Counts a line against this second's budget; whether the budget was already spent. */
    private boolean spendsBudget() {
        long now = System.nanoTime() / SECOND;
        long current = second.get();
        if (current != now && second.compareAndSet(current, now)) {
            inSecond.set(0);
        }
        return inSecond.incrementAndGet() > linesPerSecond;
    }

    private synchronized void startWriter() {
        if (!started) {
            writer.start();
            started = true;
        }
    }

    /** Whether the writer sleeps until the next entry wakes it. */
    boolean idle() {
        return idle;
    }

    /** Journal entries not logged: the queue was full, or more than the lines a second came. */
    long dropped() {
        return dropped.get() + overRate.get();
    }

    /** Journal entries not logged because more than the lines a second came. */
    long overRate() {
        return overRate.get();
    }

    private void write() {
        int idlePolls = 0;
        while (true) {
            JournalEntry entry = queue.poll();
            if (entry != null) {
                queued.decrementAndGet();
                idlePolls = 0;
                line(entry);
                continue;
            }
            reportDrops();
            if (closed) {
                return;
            }
            if (++idlePolls > 20) {
                // Idle: the next entry wakes the writer (it looks at the queue again after saying so).
                idle = true;
                if (queue.isEmpty() && !closed) {
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                }
                idle = false;
            } else {
                LockSupport.parkNanos(BUSY_POLL_NANOS);
            }
        }
    }

    private void line(JournalEntry entry) {
        try {
            // The line as the message itself: no "{}" to format, no copy of it.
            String line = entry.describe();
            if (isWarning(entry)) {
                log.warn(line);
            } else {
                log.info(line);
            }
        } catch (RuntimeException e) {
            log.warn("journal entry #{} could not be logged: {}", entry.sequence(), e.toString());
        }
    }

    private void reportDrops() {
        long d = dropped.get();
        if (d > droppedLogged) {
            log.warn("{} journal entries were not logged: the log could not keep up ({} in all; the journal keeps them)",
                    d - droppedLogged, d);
            droppedLogged = d;
        }
        long o = overRate.get();
        long now = System.nanoTime();
        if (o > overRateLogged && (now - overRateLoggedAt >= SECOND || closed)) {
            log.info("{} journal entries were not logged: more than {} lines a second ({} in all; the journal keeps them)",
                    o - overRateLogged, linesPerSecond, o);
            overRateLogged = o;
            overRateLoggedAt = now;
        }
    }

    private static boolean isWarning(JournalEntry entry) {
        return entry instanceof HandshakeEntry h && h.reason() == RefusalReason.CONNECTION_LIMIT;
    }

    /** Logs what is queued (waiting at most two seconds), then stops the thread. */
    @Override
    public void close() {
        closed = true;
        if (started) {
            LockSupport.unpark(writer);
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
