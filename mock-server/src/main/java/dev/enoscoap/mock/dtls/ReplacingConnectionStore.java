package dev.enoscoap.mock.dtls;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.InMemoryReadWriteLockConnectionStore;

/**
 * Scandium's connection store, with two additions that keep a long-running mock from filling up:
 *
 * <ul>
 * <li>A full handshake from an address that already has a connection leaves that older
 * connection without an address; Scandium keeps it (only its session could still be resumed)
 * until it has been idle for the stale threshold. Here it is removed as soon as the new
 * connection from the same address is established (after a resumption has used it, if the new
 * handshake was one). So a device that reconnects from the same address costs one connection,
 * however often it does.</li>
 * <li>A handshake refused because the store is full (no connection idle past the stale
 * threshold to evict) is counted and reported, instead of only answering the client with
 * HelloVerifyRequests.</li>
 * </ul>
 *
 * <p>Built with unique principals, so an older connection of an identity that connected again
 * from another address is marked double and removed once it is stale
 * ({@code DTLS_REMOVE_STALE_DOUBLE_PRINCIPALS}).
 */
final class ReplacingConnectionStore extends InMemoryReadWriteLockConnectionStore {
    private static final int PRUNE_AT = 1_024;

    /**
     * New connection (by its id: a connection's hash changes with its state) → the connection it
     * took the address from, until the new one is established.
     */
    private final ConcurrentMap<ConnectionId, Connection> displaced = new ConcurrentHashMap<>();
    private final AtomicLong replaced = new AtomicLong();
    private final Consumer<InetSocketAddress> refused;

    /**
     * @param refused told the peer of every handshake refused because the store is full
     */
    ReplacingConnectionStore(int capacity, long staleSeconds, Consumer<InetSocketAddress> refused) {
        super(capacity, staleSeconds, null, true);
        this.refused = refused;
    }

    @Override
    public boolean put(Connection connection) {
        InetSocketAddress address = connection == null ? null : connection.getPeerAddress();
        Connection previous = address == null ? null : connectionsByAddress.get(address);
        boolean added = super.put(connection);
        if (!added) {
            if (connection != null) {
                refused.accept(address);
            }
        } else if (previous != null && previous != connection) {
            if (displaced.size() >= PRUNE_AT) {
                // Handshakes that never ended and whose connection was evicted leave entries behind.
                displaced.keySet().removeIf(cid -> connections.get(cid) == null);
            }
            displaced.put(connection.getConnectionId(), previous);
        }
        return added;
    }

    @Override
    public void putEstablishedSession(Connection connection) {
        super.putEstablishedSession(connection);
        Connection previous = displaced.remove(connection.getConnectionId());
        InetSocketAddress address = connection.getPeerAddress();
        // The new connection owns the address now; the one it displaced cannot be reached any more.
        if (previous != null && !previous.expectCid() && address != null && connectionsByAddress.get(address) == connection) {
            Runnable remove = () -> {
                if (remove(previous, false)) {
                    replaced.incrementAndGet();
                }
            };
            try {
                if (previous.isExecuting()) {
                    previous.getExecutor().execute(remove);
                } else {
                    remove.run();
                }
            } catch (RejectedExecutionException e) {
                // the connector is stopping: the store is cleared anyway
            }
        }
    }

    @Override
    public boolean remove(Connection connection, boolean removeFromSessionCache) {
        if (connection.getConnectionId() != null) {
            displaced.remove(connection.getConnectionId());
        }
        return super.remove(connection, removeFromSessionCache);
    }

    /** Connections removed because a newer one from the same address replaced them. */
    long replaced() {
        return replaced.get();
    }
}
