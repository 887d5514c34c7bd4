package dev.enoscoap.mock.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logging of the standalone program, set up from its flags: the mock's loggers
 * ({@code dev.enoscoap.*}) at the chosen level, Californium at WARN (INFO with --verbose), as text
 * or one JSON object a line, on stdout. A Logback configuration file given with
 * {@code -Dlogback.configurationFile} takes over instead.
 */
final class LogSetup {
    /** The logger of the program's own lines in JSON mode (where it listens, that it stopped). */
    static final String CLI_LOGGER = "dev.enoscoap.mock.cli";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %msg%n";
    static final String VERBOSE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %msg%n";

    private final LoggerContext context;

    private LogSetup(LoggerContext context) {
        this.context = context;
    }

    /** Leaves logging as it is (the command line run inside another program, e.g. a test). */
    static LogSetup untouched() {
        return new LogSetup(null);
    }

    /**
     * Configures Logback for the standalone program, unless it is not the SLF4J backend or the
     * user gave a configuration file.
     *
     * @param ours level of the {@code dev.enoscoap} loggers, e.g. {@code INFO}
     * @param verbose whether Californium logs at INFO and lines name their thread and logger
     * @param json one JSON object a line instead of text
     * @param userConfig whether {@code -Dlogback.configurationFile} was given
     */
    static LogSetup configure(String ours, boolean verbose, boolean json, boolean userConfig) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (userConfig || !factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return new LogSetup(null);
        }
        LoggerContext context = (LoggerContext) factory;
        context.reset();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(json ? jsonEncoder(context) : textEncoder(context, verbose ? VERBOSE_PATTERN : TEXT_PATTERN));
        out.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(out);
        context.getLogger("dev.enoscoap").setLevel(Level.toLevel(ours, Level.INFO));
        Level cli = Level.toLevel(ours, Level.INFO);
        context.getLogger(CLI_LOGGER).setLevel(cli.isGreaterOrEqual(Level.WARN) && cli != Level.OFF ? Level.INFO : cli);
        context.getLogger("org.eclipse.californium").setLevel(verbose ? Level.INFO : Level.WARN);
        return new LogSetup(context);
    }

    /** Runs {@code action} with {@code logger} silenced, when this set-up owns the logging. */
    <T> T silencing(String logger, Supplier<T> action) {
        if (context == null) {
            return action.get();
        }
        Logger l = context.getLogger(logger);
        Level was = l.getLevel();
        l.setLevel(Level.OFF);
        try {
            return action.get();
        } finally {
            l.setLevel(was);
        }
    }

    /** Writes what is still buffered and stops the appenders. */
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMDC(false);
        encoder.setWithKVPList(false);
        encoder.setWithMarkers(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
