package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/** A command that was not answered before its timeout. */
@API(status = EXPERIMENTAL, since = "0.1")
public class CommandExpiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandExpiredException(String message) {
        super(message);
    }
}
