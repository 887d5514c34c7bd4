package dev.enoscoap.mock.dtls;

import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.HandshakeOutcome;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.session.PresenceTracker;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Turns Scandium's handshake events into one journal entry per handshake attempt.
 *
 * <p>The PSK store reports its decision per connection; the outcome comes later: the context is
 * established when the client's Finished verifies (accepted), a MAC error during the handshake
 * means the client derived another key (key mismatch; DTLS drops such a record silently, so this
 * is the only place it shows), and any other failure ends the attempt with its cause.
 *
 * <p>Each entry carries what the handshake's ClientHello offered (version, cipher suites), as the
 * {@link ClientHelloFilter} saw it for the peer's address. Refusals are journaled one by one
 * within the {@link RefusalThrottle}'s bounds and counted beyond them.
 */
final class HandshakeObserver implements SessionListener, ConnectionListener {
    private final Journal journal;
    private final PresenceTracker presence;
    private final DropReport drops;
    private final ClientHelloOffers offers;
    private final RefusalThrottle throttle;
    private static final int STALE_CHECK_SIZE = 1_000;
    private static final long STALE_AFTER_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final ConcurrentMap<ConnectionId, Attempt> attempts = new ConcurrentHashMap<>();

    /** One handshake on one connection; retransmitted flights ask the PSK store again. */
    private static final class Attempt {
        final long startedNanos = System.nanoTime();
        final InetSocketAddress peer;
        final ClientHelloOffers.Offer offer;
        volatile PskDecision decision;
        final AtomicBoolean recorded = new AtomicBoolean();

        Attempt(InetSocketAddress peer, ClientHelloOffers.Offer offer) {
            this.peer = peer;
            this.offer = offer;
        }
    }

    HandshakeObserver(Journal journal, PresenceTracker presence, DropReport drops, ClientHelloOffers offers) {
        this.journal = journal;
        this.presence = presence;
        this.drops = drops;
        this.offers = offers;
        this.throttle = new RefusalThrottle();
    }

    /**
     * Called by the PSK store with its decision for the handshake on {@code cid}. A refusal is
     * recorded at once: Scandium drops the client's flight silently and the handshake only times
     * out much later. A retransmitted flight is not recorded twice.
     */
    void decided(ConnectionId cid, PskDecision decision) {
        Attempt attempt = attempts.computeIfAbsent(cid, k -> new Attempt(null, null));
        attempt.decision = decision;
        if (!decision.accepted() && attempt.recorded.compareAndSet(false, true)) {
            refuse(attempt.peer, attempt.offer, decision, decision.reason(), decision.detail());
        }
        purgeStale();
    }

    /** The decision already taken in this handshake for the same identity, if any. */
    java.util.Optional<PskDecision> decisionFor(ConnectionId cid, byte[] identity) {
        Attempt attempt = attempts.get(cid);
        PskDecision d = attempt == null ? null : attempt.decision;
        return d != null && java.util.Arrays.equals(d.identityBytes(), identity) ? java.util.Optional.of(d)
                : java.util.Optional.empty();
    }

    @Override
    public void handshakeStarted(Handshaker handshaker) {
        // A new handshake on a connection replaces whatever attempt was pending on it.
        InetSocketAddress peer = handshaker.getPeerAddress();
        attempts.put(cid(handshaker), new Attempt(peer, offers.take(peer)));
    }

    @Override
    public void contextEstablished(Handshaker handshaker, DTLSContext context) {
        Attempt attempt = attempts.remove(cid(handshaker));
        PskDecision decision = attempt == null ? null : attempt.decision;
        String suite = context.getSession().getCipherSuite().name();
        boolean resumed = !handshaker.isFullHandshake();
        PskIdentity identity;
        String received;
        String detail;
        if (decision != null) {
            identity = decision.identity();
            received = decision.parse().received();
            detail = decision.detail();
        } else {
            // An abbreviated handshake: the PSK store was not asked; the identity is the session's.
            received = SessionIdentity.text(context.getSession().getPeerIdentity());
            identity = SessionIdentity.of(context.getSession().getPeerIdentity());
            detail = "session resumed";
        }
        InetSocketAddress peer = handshaker.getPeerAddress();
        ClientHelloOffers.Offer offer = attempt == null ? offers.take(peer) : attempt.offer;
        journal.record((seq, time) -> new HandshakeEntry(seq, time, peer, received, identity, suite,
                HandshakeOutcome.ACCEPTED, null, null, detail, resumed, offer == null ? null : offer.version(),
                offer == null ? null : offer.cipherSuiteNames()));
        if (identity != null) {
            presence.seen(identity.device(), identity.lifetimeSeconds(), resumed ? "session resumed" : "handshake");
        }
    }

    @Override
    public void handshakeCompleted(Handshaker handshaker) {
        // Recorded at contextEstablished, when the client's Finished verified.
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        Attempt attempt = attempts.remove(cid(handshaker));
        if (attempt != null && !attempt.recorded.compareAndSet(false, true)) {
            return;
        }
        InetSocketAddress peer = handshaker.getPeerAddress();
        PskDecision d = attempt == null ? null : attempt.decision;
        ClientHelloOffers.Offer offer = attempt == null ? offers.take(peer) : attempt.offer;
        RefusalReason failed = isVersionMismatch(error) ? RefusalReason.PROTOCOL_VERSION : RefusalReason.HANDSHAKE_FAILED;
        if (d != null) {
            refuse(peer, offer, d, failed, "identity accepted (" + d.detail()
                    + ") but the handshake did not complete: " + error.getMessage());
        } else if (isCipherSuiteMismatch(error)) {
            refuse(peer, offer, null, RefusalReason.NO_COMMON_CIPHER_SUITE,
                    "the client offered none of the enabled cipher suites: " + error.getMessage() + " (EC-2)");
        } else {
            refuse(peer, offer, null, failed, "handshake failed before a PSK identity arrived: " + error.getMessage());
        }
    }

    @Override
    public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {
        // not recorded
    }

    @Override
    public boolean onConnectionMacError(Connection connection) {
        if (connection.hasOngoingHandshake()) {
            Attempt attempt = attempts.get(connection.getConnectionId());
            PskDecision d = attempt == null ? null : attempt.decision;
            if (d != null && d.accepted() && attempt.recorded.compareAndSet(false, true)) {
                refuse(connection.getPeerAddress(), attempt.offer, d, RefusalReason.KEY_MISMATCH,
                        "the client's Finished did not verify with the key the mock derived ("
                                + d.detail() + "): the client's PSK key is not bytes [8,24) of "
                                + "SHA-256(secret), or it used another secret (EC-6)");
            }
        }
        return false;
    }

    private void refuse(InetSocketAddress peer, ClientHelloOffers.Offer offer, PskDecision d, RefusalReason reason,
            String detail) {
        String received = d == null ? null : d.parse().received();
        PskIdentity identity = d == null ? null : d.identity();
        HandshakeEntry entry = new HandshakeEntry(0, null, peer, received, identity, null, HandshakeOutcome.REFUSED,
                reason, d == null ? null : d.identityRule(), detail, false, offer == null ? null : offer.version(),
                offer == null ? null : offer.cipherSuiteNames());
        if (peer == null || throttle.journalOnItsOwn(peer.getAddress(), received)) {
            journal.record((seq, time) -> new HandshakeEntry(seq, time, entry.peer(), entry.identityReceived(),
                    entry.identity(), null, entry.outcome(), entry.reason(), entry.identityRule(), entry.detail(), false,
                    entry.clientVersion(), entry.offeredCipherSuites()));
        } else {
            drops.suppressed("handshake-refusals/" + reason, "more refused handshakes of one identity from "
                    + peer.getAddress().getHostAddress() + " than " + RefusalThrottle.PER_IDENTITY + " per "
                    + RefusalThrottle.INTERVAL.toSeconds() + " s (or " + RefusalThrottle.IN_ALL
                    + " in all) are counted, not journaled; the last: " + entry.describe());
        }
    }

    /** Forgets attempts no handshake event ended, such as those of clients that went away. */
    private void purgeStale() {
        if (attempts.size() > STALE_CHECK_SIZE) {
            long limit = System.nanoTime() - STALE_AFTER_NANOS;
            attempts.values().removeIf(a -> a.startedNanos - limit < 0);
        }
    }

    /**
     * Whether the handshake failed on the protocol version: Scandium's PROTOCOL_VERSION alert, or its
     * words for one ("only supports DTLS 1.2", a record of an unsupported version).
     */
    private static boolean isVersionMismatch(Throwable error) {
        if (error instanceof HandshakeException he && he.getAlert() != null
                && he.getAlert().getDescription() == AlertMessage.AlertDescription.PROTOCOL_VERSION) {
            return true;
        }
        String m = String.valueOf(error.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("version") || m.contains("only supports dtls");
    }

    private static boolean isCipherSuiteMismatch(Throwable error) {
        return error instanceof HandshakeException he
                && he.getAlert() != null
                && he.getAlert().getDescription() == AlertMessage.AlertDescription.HANDSHAKE_FAILURE
                && String.valueOf(he.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("cipher suite");
    }


    private static ConnectionId cid(Handshaker handshaker) {
        return handshaker.getConnection().getConnectionId();
    }

    @Override
    public void onConnectionEstablished(Connection connection) {
    }

    @Override
    public void onConnectionRemoved(Connection connection) {
        // Kept: Scandium may remove the connection before it reports the failed handshake.
    }

    @Override
    public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
        return false;
    }

    @Override
    public void beforeExecution(Connection connection) {
    }

    @Override
    public void updateExecution(Connection connection) {
    }

    @Override
    public void afterExecution(Connection connection) {
    }
}
