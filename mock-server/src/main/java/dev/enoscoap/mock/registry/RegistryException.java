package dev.enoscoap.mock.registry;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * A registry file or registry operation that breaks a rule. The message names the source, the
 * JSON location (where there is one) and the rule.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
