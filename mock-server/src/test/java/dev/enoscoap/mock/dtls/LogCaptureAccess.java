package dev.enoscoap.mock.dtls;

import java.util.List;

/** Opens a {@link LogCapture} for tests of other packages: the messages the standalone server would log. */
public final class LogCaptureAccess implements AutoCloseable {
    private final LogCapture capture = new LogCapture();

    private LogCaptureAccess() {
    }

    /** Starts capturing at the standalone server's levels. */
    public static LogCaptureAccess open() {
        return new LogCaptureAccess();
    }

    /** The formatted messages logged so far, one per event. */
    public List<String> messages() {
        return capture.messages();
    }

    @Override
    public void close() {
        capture.close();
    }
}
