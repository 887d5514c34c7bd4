package dev.enoscoap.mock.dtls;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.HandshakeOutcome;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.ConnectionStats;
import dev.enoscoap.mock.session.PresenceTracker;
import dev.enoscoap.mock.wire.WireTap;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * The mock's DTLS 1.2 PSK endpoint: a Scandium connector with the EnOS cipher suites, the
 * registry's PSK store and the handshake journal, wrapped in a CoAP endpoint.
 *
 * <p>Its connections are bounded by {@code DTLS_MAX_CONNECTIONS}; a device that handshakes again
 * from the same address replaces its older connection (see {@link ReplacingConnectionStore}), and
 * handshakes refused at the limit are counted ({@link #connections()}) and journaled, one entry per
 * interval ({@link #reportConnectionLimit()}).
 */
@API(status = INTERNAL, since = "0.1")
public final class SecureEndpoint {
    /** Refusals at the connection limit are journaled at most once per this interval. */
    static final long LIMIT_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Completed handshakes allowed in Scandium's 135 s window, as a multiple of the connection limit. */
    static final int HANDSHAKE_RATE_FACTOR = 5;

    private final Journal journal;
    private final int maxConnections;
    private final long staleSeconds;
    private final ReplacingConnectionStore store;
    private final DTLSConnector connector;
    private final CoapEndpoint endpoint;
    private final AtomicLong refused = new AtomicLong();
    private volatile InetSocketAddress lastRefused;
    private long reported;
    private long reportedAtNanos;

    private SecureEndpoint(InetSocketAddress bind, List<EnosCipherSuite> suites, Registry registry, Journal journal,
            PresenceTracker presence, boolean autoRegister, Faults faults, Configuration config, int autoRegisterLimit,
            DropReport drops, WireTap wire) {
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        // EC-2 names TLS_PSK_WITH_AES_128_CBC_SHA256, which Scandium counts as not recommended.
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, suites.stream().map(s -> CipherSuite.valueOf(s.ianaName())).toList());
        // An older connection of an identity that connected again from elsewhere goes once it is stale.
        config.set(DtlsConfig.DTLS_REMOVE_STALE_DOUBLE_PRINCIPALS, true);
        this.journal = journal;
        this.maxConnections = config.get(DtlsConfig.DTLS_MAX_CONNECTIONS);
        this.staleSeconds = config.get(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, TimeUnit.SECONDS);
        this.store = new ReplacingConnectionStore(maxConnections, staleSeconds, this::refused);
        store.setTag("enos-mock");
        // Scandium also refuses a ClientHello once more than DTLS_MAX_CONNECTIONS handshakes completed in
        // the last 135 s (it forgets the ones whose connection is gone only every 5 s), and logs an ERROR
        // for each. The store above bounds the connections; the connector gets that limit times
        // HANDSHAKE_RATE_FACTOR, so devices that reconnect thousands of times a second are not refused.
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS,
                (int) Math.min(Integer.MAX_VALUE, (long) maxConnections * HANDSHAKE_RATE_FACTOR));

        ClientHelloOffers offers = new ClientHelloOffers();
        HandshakeObserver observer = new HandshakeObserver(journal, presence, drops, offers);
        PskAuthorizer authorizer = new PskAuthorizer(registry, journal, autoRegister, autoRegisterLimit, faults);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(bind)
                .setDatagramFilter(new ClientHelloFilter(config, drops, offers, wire))
                .setAdvancedPskStore(new RegistryPskStore(authorizer, observer))
                .setApplicationLevelInfoSupplier(SessionIdentity.SUPPLIER)
                .setSessionListener(observer)
                .setConnectionListener(observer)
                .setLoggingTag("enos-mock")
                .build();
        this.connector = new DTLSConnector(dtls, store) {
            // the constructor that takes a connection store is protected
        };
        this.endpoint = CoapEndpoint.builder().setConnector(connector).setConfiguration(config).build();
    }

    /**
     * Builds the endpoint; nothing is bound until the server starts.
     *
     * @param config a configuration with the DTLS and CoAP modules registered; the DTLS server
     *        settings are written into it, and its {@code DTLS_MAX_CONNECTIONS} and
     *        {@code DTLS_STALE_CONNECTION_THRESHOLD} size the connection store (after which
     *        {@code DTLS_MAX_CONNECTIONS} is raised for Scandium's handshake-rate limit only)
     * @param autoRegisterLimit how many devices auto-registration may add
     * @param drops where malformed ClientHellos and refusals beyond the journal's share are counted
     * @param wire where the header of every DTLS record is told, or {@code null}
     */
    public static SecureEndpoint create(InetSocketAddress bind, List<EnosCipherSuite> suites, Registry registry,
            Journal journal, PresenceTracker presence, boolean autoRegister, Faults faults, Configuration config,
            int autoRegisterLimit, DropReport drops, WireTap wire) {
        return new SecureEndpoint(bind, suites, registry, journal, presence, autoRegister, faults, config,
                autoRegisterLimit, drops, wire);
    }

    /** The CoAP endpoint to add to a server. */
    public CoapEndpoint endpoint() {
        return endpoint;
    }

    /** The connections held now, the limit, and what was refused and replaced so far. */
    public ConnectionStats connections() {
        return new ConnectionStats(maxConnections - store.remainingCapacity(), maxConnections, refused.get(),
                store.replaced());
    }

    /** Called by the store, under its lock, for each ClientHello it had no room for: only counts. */
    private void refused(InetSocketAddress peer) {
        lastRefused = peer;
        refused.incrementAndGet();
    }

    /**
     * Journals the handshakes refused at the connection limit since the last report, if any and if
     * the last report is at least 10 s old: one entry with the count, however many ClientHellos
     * it stands for. Call it periodically.
     */
    public synchronized void reportConnectionLimit() {
        long total = refused.get();
        long now = System.nanoTime();
        if (total == reported || (reportedAtNanos != 0 && now - reportedAtNanos < LIMIT_REPORT_INTERVAL_NANOS)) {
            return;
        }
        long count = total - reported;
        String since = reportedAtNanos == 0 ? "" : " in the last " + TimeUnit.NANOSECONDS.toSeconds(now - reportedAtNanos) + " s";
        reported = total;
        reportedAtNanos = now;
        InetSocketAddress peer = lastRefused;
        String detail = "the server holds its maximum of " + maxConnections + " DTLS connections and none has been idle for "
                + staleSeconds + " s: " + count + " ClientHello" + (count == 1 ? "" : "s") + " of new handshakes refused" + since
                + " (" + total + " in all; the clients get only HelloVerifyRequests); raise --max-connections "
                + "(maxConnections) or lower --stale-connection-seconds (staleConnectionThreshold)";
        journal.record((seq, time) -> new HandshakeEntry(seq, time, peer, null, null, null, HandshakeOutcome.REFUSED,
                RefusalReason.CONNECTION_LIMIT, null, detail, false, null, null));
    }

    /**
     * Removes every DTLS connection and cached session of {@code device}, without an alert, and
     * waits until done.
     */
    public void forget(DeviceId device) {
        Filter<Principal> ofDevice = principal -> {
            PskIdentity identity = SessionIdentity.of(principal);
            return identity != null && identity.device().equals(device);
        };
        try {
            connector.startTerminateConnectionsForPrincipal(ofDevice).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot forget the DTLS session of " + device + ": " + e, e);
        }
    }
}
