package dev.enoscoap.mock.command;

/** A command that cannot be queued because the device, or the server, has as many open commands as it keeps. */
public class CommandQueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CommandQueueFullException(String message) {
        super(message);
    }
}
