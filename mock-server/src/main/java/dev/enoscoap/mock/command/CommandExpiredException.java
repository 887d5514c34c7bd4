package dev.enoscoap.mock.command;

/** A command that was not answered before its timeout. */
public class CommandExpiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandExpiredException(String message) {
        super(message);
    }
}
