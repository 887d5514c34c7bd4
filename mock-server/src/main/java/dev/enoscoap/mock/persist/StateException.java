package dev.enoscoap.mock.persist;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/** The state directory cannot be used: not writable, or a file in it cannot be read. The message names the file. */
@API(status = INTERNAL, since = "0.1")
public class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateException(String message) {
        super(message);
    }
}
