package dev.enoscoap.mock.dtls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Counts the lines the standalone server would log: the levels of its logback configuration
 * (Californium at WARN, the mock at INFO), each event's message plus one line per stack frame.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger californium = context.getLogger("org.eclipse.californium");
    private final Logger mock = context.getLogger("dev.enoscoap");
    private final Logger journal = context.getLogger("dev.enoscoap.mock.journal");
    private final Level californiumBefore = californium.getLevel();
    private final Level mockBefore = mock.getLevel();
    private final Level journalBefore = journal.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    LogCapture() {
        setContext(context);
        californium.setLevel(Level.WARN);
        mock.setLevel(Level.INFO);
        journal.setLevel(Level.INFO);
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        messages.add(event.getFormattedMessage());
        for (String line : event.getFormattedMessage().split("\n", -1)) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + line);
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            lines.add("  " + t.getClassName() + ": " + t.getMessage());
            for (int i = 0; i < t.getStackTraceElementProxyArray().length; i++) {
                lines.add("    at " + t.getStackTraceElementProxyArray()[i]);
            }
        }
    }

    /** The formatted messages logged so far, one per event. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    /** The lines logged so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
        californium.setLevel(californiumBefore);
        mock.setLevel(mockBefore);
        journal.setLevel(journalBefore);
    }
}
