package dev.enoscoap.mock.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The mock's DTLS connections at one moment.
 *
 * @param open connections held now (established or handshaking, including those kept only for resumption)
 * @param max the most the server holds ({@code maxConnections}); a new handshake beyond it needs a
 *        connection idle for the stale threshold to evict, or it is refused
 * @param refusedAtLimit handshakes refused so far because {@code max} connections were held and none was stale
 * @param replaced connections removed so far because the same address completed a newer handshake
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConnectionStats(int open, int max, long refusedAtLimit, long replaced) {

    /** Whether the server holds as many connections as it may. */
    public boolean atLimit() {
        return open >= max;
    }
}
