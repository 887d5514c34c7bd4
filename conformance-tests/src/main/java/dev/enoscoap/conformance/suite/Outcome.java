package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.ClientFailure;

/**
 * What an adapter call ended with: a value, or the failure the client reported.
 *
 * @param value the value, when the call returned
 * @param failure the client's failure, when it threw {@link ClientFailure}
 */
public record Outcome<T>(T value, ClientFailure failure) {

    /** Whether the call returned normally. */
    public boolean ok() {
        return failure == null;
    }

    /** The outcome in words, for evidence. */
    public String describe() {
        return ok() ? "returned " + value : "reported failure: " + failure.getMessage();
    }
}
