package dev.enoscoap.mock.wire;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives on the wire, for a judge that needs more than the journal: every transmission of
 * every request (retransmissions, duplicates and dropped ones included) and the header of every
 * DTLS record. It only records; nothing a listener does changes what the server answers. Without
 * listeners it costs a check per datagram.
 *
 * <pre>{@code
 * try (AutoCloseable tap = server.wire().onRequest(r -> seen.add(r))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Listeners are called on the server's receiving threads: they must be quick and must not
 * block (hand the event to a queue). An exception a listener throws is logged and ignored.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WireTap {
    private static final Logger LOG = LoggerFactory.getLogger(WireTap.class);

    private final Clock clock;
    private final List<Consumer<? super ReceivedRequest>> requestListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super ReceivedRecord>> recordListeners = new CopyOnWriteArrayList<>();

    /** @param clock the server's clock, which stamps every event */
    @API(status = INTERNAL, since = "0.1")
    public WireTap(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Calls {@code listener} with every request transmission from now on.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable onRequest(Consumer<? super ReceivedRequest> listener) {
        requestListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> requestListeners.remove(listener);
    }

    /**
     * Calls {@code listener} with the header of every DTLS record from now on.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable onRecord(Consumer<? super ReceivedRecord> listener) {
        recordListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> recordListeners.remove(listener);
    }

    /** Whether anyone listens to requests; the server skips the work otherwise. */
    @API(status = INTERNAL, since = "0.1")
    public boolean wantsRequests() {
        return !requestListeners.isEmpty();
    }

    /** Whether anyone listens to records; the server skips the work otherwise. */
    @API(status = INTERNAL, since = "0.1")
    public boolean wantsRecords() {
        return !recordListeners.isEmpty();
    }

    /** Called by the server's CoAP endpoint for each request transmission. */
    @API(status = INTERNAL, since = "0.1")
    public void request(InetSocketAddress peer, PskIdentity identity, String method, String path, boolean confirmable,
            int messageId, String token, int payloadSize, int payloadHash, boolean dropped) {
        if (requestListeners.isEmpty()) {
            return;
        }
        ReceivedRequest r = new ReceivedRequest(clock.instant(), peer, identity, method, path, confirmable, messageId,
                token, payloadSize, payloadHash, dropped);
        for (Consumer<? super ReceivedRequest> l : requestListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.debug("a wire listener failed on {}", LogText.escape(String.valueOf(r)), e);
            }
        }
    }

    /** Called by the server's DTLS connector for each record header of a datagram it accepts. */
    @API(status = INTERNAL, since = "0.1")
    public void record(InetSocketAddress peer, int contentType, int epoch, int length) {
        if (recordListeners.isEmpty()) {
            return;
        }
        ReceivedRecord r = new ReceivedRecord(clock.instant(), peer, contentType, epoch, length);
        for (Consumer<? super ReceivedRecord> l : recordListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.debug("a wire listener failed on {}", LogText.escape(String.valueOf(r)), e);
            }
        }
    }
}
