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
 * <p>Handing an entry over costs the recording thread a lock-free enqueue: while busy the writer
 * looks for work every few milliseconds and is never woken; once idle it sleeps until the next
 * entry wakes it, so a line appears at once after a quiet spell.
 */
final class JournalLog implements Consumer<JournalEntry>, AutoCloseable {
    /** Entries waiting to be logged at most. */
    static final int QUEUE_CAPACITY = 8_192;

    private final Logger log;
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Queue<JournalEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean started;
    /** Whether the writer sleeps until an entry wakes it. */
    private volatile boolean idle;
    private long droppedLogged;

    JournalLog(Logger log, String name) {
        this.log = log;
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

    /** Journal entries not logged because the queue was full. */
    long dropped() {
        return dropped.get();
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
