package dev.enoscoap.mock;

import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Writes one log line per journal entry on a thread of its own, so that neither formatting the
 * entry nor the appender (a console is slow) runs on the DTLS and CoAP threads. Entries wait in a
 * bounded queue; when the log cannot keep up, entries that find the queue full are not logged
 * (they stay in the journal) and counted, and the count is logged once the log has caught up.
 */
final class JournalLog implements Consumer<JournalEntry>, AutoCloseable {
    /** Entries waiting to be logged at most. */
    static final int QUEUE_CAPACITY = 8_192;

    private final Logger log;
    private final BlockingQueue<JournalEntry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
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
        if (writer.getState() == Thread.State.NEW) {
            startWriter();
        }
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    private synchronized void startWriter() {
        if (writer.getState() == Thread.State.NEW) {
            writer.start();
        }
    }

    /** Journal entries not logged because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void write() {
        List<JournalEntry> batch = new ArrayList<>(256);
        try {
            while (!closed || !queue.isEmpty()) {
                JournalEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                for (JournalEntry entry : batch) {
                    line(entry);
                }
                batch.clear();
                reportDrops();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportDrops();
    }

    private void line(JournalEntry entry) {
        try {
            if (isWarning(entry)) {
                log.warn("{}", entry.describe());
            } else {
                log.info("{}", entry.describe());
            }
        } catch (RuntimeException e) {
            log.warn("journal entry #{} could not be logged: {}", entry.sequence(), e.toString());
        }
    }

    private void reportDrops() {
        long d = dropped.get();
        if (d > droppedLogged && queue.isEmpty()) {
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
        if (writer.getState() != Thread.State.NEW) {
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
