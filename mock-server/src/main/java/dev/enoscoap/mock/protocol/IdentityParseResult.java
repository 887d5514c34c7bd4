package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of parsing a PSK identity: either a {@link PskIdentity} or the rule it broke.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface IdentityParseResult {

    /** The identity as received, decoded for display (invalid UTF-8 shown with replacement characters). */
    String received();

    /** Whether the identity is well formed. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** A well-formed identity. */
    record Valid(String received, PskIdentity identity) implements IdentityParseResult {
        public Valid {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * An identity that breaks {@code rule}.
     *
     * @param received the identity as received, for display
     * @param rule the rule it breaks
     * @param detail what exactly is wrong, naming the offending field
     */
    record Invalid(String received, IdentityRule rule, String detail) implements IdentityParseResult {
        public Invalid {
            Objects.requireNonNull(rule, "rule");
        }

        /** One sentence naming the input, the rule and the clause. */
        public String message() {
            return "PSK identity '" + IdentityParser.abbreviate(received) + "' breaks " + rule + ": " + detail
                    + " (" + rule.clause() + ")";
        }
    }
}
