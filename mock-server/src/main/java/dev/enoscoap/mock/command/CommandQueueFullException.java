package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/** A command that cannot be queued because the device, or the server, has as many open commands as it keeps. */
@API(status = EXPERIMENTAL, since = "0.1")
public class CommandQueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CommandQueueFullException(String message) {
        super(message);
    }
}
