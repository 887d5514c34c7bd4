package dev.enoscoap.mock.journal;

/** How a DTLS handshake attempt ended. */
public enum HandshakeOutcome {
    /** The handshake completed: the device holds the right key for an identity the registry accepts. */
    ACCEPTED,
    /** The handshake did not complete; {@link HandshakeEntry#reason()} says why. */
    REFUSED
}
