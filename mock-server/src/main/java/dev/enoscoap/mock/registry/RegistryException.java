package dev.enoscoap.mock.registry;

/**
 * A registry file or registry operation that breaks a rule. The message names the source, the
 * JSON location (where there is one) and the rule.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
