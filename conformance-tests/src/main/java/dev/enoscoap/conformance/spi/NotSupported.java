package dev.enoscoap.conformance.spi;

/**
 * The client cannot do what was asked. The purpose is judged <em>not applicable</em>, never failed.
 */
public class NotSupported extends Exception {
    private static final long serialVersionUID = 1L;

    public NotSupported(String message) {
        super(message);
    }
}
