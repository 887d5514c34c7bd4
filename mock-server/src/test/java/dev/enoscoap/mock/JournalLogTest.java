package dev.enoscoap.mock;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.ServerEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The journal's log lines are written by a thread of their own, in order, and a log that cannot keep up loses lines, not time. */
class JournalLogTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Logger logger = (Logger) LoggerFactory.getLogger("test.journal-log." + System.nanoTime());
    private final Captured captured = new Captured();
    private final Journal journal = new Journal(100_000, Clock.systemUTC());
    private final JournalLog log = new JournalLog(logger, "test-journal-log", Integer.MAX_VALUE);

    JournalLogTest() {
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(captured);
        journal.subscribe(log);
    }

    @AfterEach
    void close() {
        captured.release.countDown();
        log.close();
        logger.detachAppender(captured);
    }

    private void record(int n) {
        journal.record((seq, time) -> new ServerEvent(seq, time, ServerEvent.Kind.REGISTRY_RELOADED, "registry", null, 1,
                "entry " + n));
    }

    @Test
    void eachEntryIsOneLineInOrderWrittenByTheLogsThreadAlsoAfterAQuietSpell() throws Exception {
        captured.release.countDown();
        for (int i = 1; i <= 3; i++) {
            record(i);
        }
        Await.until(WAIT, () -> captured.events.size() == 3, captured::toString);
        // Past its busy looks at the queue the writer sleeps; the next entry wakes it.
        Await.until(WAIT, log::idle, () -> "the writer never went idle");
        record(4);
        Await.until(WAIT, () -> captured.events.size() == 4, captured::toString);
        assertThat(captured.events).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).startsWith("server REGISTRY_RELOADED"))
                .extracting(line -> line.substring(line.indexOf("entry ")))
                .containsExactly("entry 1", "entry 2", "entry 3", "entry 4");
        assertThat(captured.events).extracting(ILoggingEvent::getThreadName).containsOnly("test-journal-log");
        assertThat(log.dropped()).isZero();
    }

    @Test
    void whenTheLogCannotKeepUpTheExcessIsCountedAndOneWarningSaysHowMany() {
        int total = JournalLog.QUEUE_CAPACITY + 500;
        for (int i = 1; i <= total; i++) {
            record(i); // the appender holds the writer on the first line, so the queue fills
        }
        assertThat(journal.entries()).hasSize(total);
        long dropped = log.dropped();
        assertThat(dropped).isBetween(499L, 500L);
        captured.release.countDown();
        Await.until(WAIT, () -> captured.events.stream().anyMatch(e -> e.getLevel() == Level.WARN), captured::toString);
        assertThat(captured.events).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains(dropped + " journal entries were not logged: the log could not keep up");
        assertThat(captured.events).filteredOn(e -> e.getLevel() == Level.INFO).hasSize((int) (total - dropped));
    }

    @Test
    void pastTheLinesASecondTheRestIsCountedAndOneLineSaysHowMany() {
        Journal busy = new Journal(100_000, Clock.systemUTC());
        JournalLog limited = new JournalLog(logger, "test-journal-log-limited", 5);
        busy.subscribe(limited);
        captured.release.countDown();
        try {
            for (int i = 1; i <= 200; i++) {
                busy.record((seq, time) -> new ServerEvent(seq, time, ServerEvent.Kind.REGISTRY_RELOADED, "registry",
                        null, 1, "burst"));
            }
            // 200 entries take far less than a second: 5 lines, or 10 if a second began during the burst.
            assertThat(limited.overRate()).isBetween(190L, 195L);
            long notLogged = limited.overRate();
            Await.until(WAIT, () -> captured.events.stream().anyMatch(e -> e.getFormattedMessage().contains("not logged")),
                    captured::toString);
            assertThat(captured.events).filteredOn(e -> e.getFormattedMessage().startsWith("server REGISTRY_RELOADED"))
                    .hasSize((int) (200 - notLogged));
            assertThat(captured.events).filteredOn(e -> e.getFormattedMessage().contains("not logged")).singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .isEqualTo(notLogged + " journal entries were not logged: more than 5 lines a second (" + notLogged
                            + " in all; the journal keeps them)");
            assertThat(busy.entries()).hasSize(200);
            assertThat(limited.dropped()).isEqualTo(notLogged);
        } finally {
            limited.close();
        }
    }

    /** Keeps what was logged; holds the logging thread until released. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void append(ILoggingEvent event) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            event.prepareForDeferredProcessing(); // the thread name is taken now, on the logging thread
            events.add(event);
        }

        @Override
        public String toString() {
            return events.size() + " lines: " + events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
