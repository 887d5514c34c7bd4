package dev.enoscoap.mock.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Whether a device is online, as of its last message exchange (EC-7).
 *
 * @param device the device
 * @param online whether it is online
 * @param lastSeen its last handshake or request
 * @param lifetimeSeconds the Lifetime of its current session
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Presence(DeviceId device, boolean online, Instant lastSeen, int lifetimeSeconds) {

    /** When the device goes offline unless it exchanges a message first. */
    public Instant expiresAt() {
        return lastSeen.plusSeconds(lifetimeSeconds);
    }
}
