package dev.enoscoap.mock.dtls;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.wire.WireTap;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.security.Principal;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;
import org.eclipse.californium.elements.util.Filter;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.PresenceTracker;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * The mock's DTLS 1.2 PSK endpoint: a Scandium connector with the EnOS cipher suites, the
 * registry's PSK store and the handshake journal, wrapped in a CoAP endpoint.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecureEndpoint {
    private final DTLSConnector connector;
    private final CoapEndpoint endpoint;

    private SecureEndpoint(DTLSConnector connector, CoapEndpoint endpoint) {
        this.connector = connector;
        this.endpoint = endpoint;
    }

    /**
     * Builds the endpoint; nothing is bound until the server starts.
     *
     * @param config a configuration with the DTLS and CoAP modules registered; the DTLS server
     *        settings are written into it
     * @param autoRegisterLimit how many devices auto-registration may add
     * @param drops where malformed ClientHellos and refusals beyond the journal's share are counted
     * @param wire where the header of every DTLS record is told, or {@code null}
     */
    public static SecureEndpoint create(InetSocketAddress bind, List<EnosCipherSuite> suites, Registry registry,
            Journal journal, PresenceTracker presence, boolean autoRegister, Faults faults, Configuration config,
            int autoRegisterLimit, DropReport drops, WireTap wire) {
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        // EC-2 names TLS_PSK_WITH_AES_128_CBC_SHA256, which Scandium counts as not recommended.
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, suites.stream().map(s -> CipherSuite.valueOf(s.ianaName())).toList());

        ClientHelloOffers offers = new ClientHelloOffers();
        HandshakeObserver observer = new HandshakeObserver(journal, presence, drops, offers);
        PskAuthorizer authorizer = new PskAuthorizer(registry, journal, autoRegister, autoRegisterLimit, faults);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(bind)
                .setDatagramFilter(new ClientHelloFilter(config, drops, offers, wire))
                .setAdvancedPskStore(new RegistryPskStore(authorizer, observer))
                .setSessionListener(observer)
                .setConnectionListener(observer)
                .setLoggingTag("enos-mock")
                .build();
        DTLSConnector connector = new DTLSConnector(dtls);
        CoapEndpoint endpoint = CoapEndpoint.builder().setConnector(connector).setConfiguration(config).build();
        return new SecureEndpoint(connector, endpoint);
    }

    /** The CoAP endpoint to add to a server. */
    public CoapEndpoint endpoint() {
        return endpoint;
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
