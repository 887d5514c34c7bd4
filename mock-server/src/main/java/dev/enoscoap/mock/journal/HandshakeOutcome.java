package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/** How a DTLS handshake attempt ended. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum HandshakeOutcome {
    /** The handshake completed: the device holds the right key for an identity the registry accepts. */
    ACCEPTED,
    /** The handshake did not complete; {@link HandshakeEntry#reason()} says why. */
    REFUSED
}
