package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The client cannot do what was asked. For an action of a capability the client does not declare,
 * the purpose is <em>not applicable</em>; for an action of a declared capability (or the connect and
 * report every client must do) it is a <em>failure</em>: declare only what the client can do.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class NotSupported extends Exception {
    private static final long serialVersionUID = 1L;

    public NotSupported(String message) {
        super(message);
    }
}
