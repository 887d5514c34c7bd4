package dev.enoscoap.conformance.spi;

/**
 * The client reported an error (e.g. the handshake failed, the server answered an error). Its
 * message is evidence in the report: say what the client said.
 */
public class ClientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ClientFailure(String message) {
        super(message);
    }

    public ClientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
