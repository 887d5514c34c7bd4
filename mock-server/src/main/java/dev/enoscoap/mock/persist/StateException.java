package dev.enoscoap.mock.persist;

/** The state directory cannot be used: not writable, or a file in it cannot be read. The message names the file. */
public class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateException(String message) {
        super(message);
    }
}
