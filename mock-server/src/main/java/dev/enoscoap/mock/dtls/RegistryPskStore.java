package dev.enoscoap.mock.dtls;

import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The server's PSK store: parses the identity, asks the {@link PskAuthorizer}, tells the
 * {@link HandshakeObserver}, and hands Scandium a fresh key (Scandium destroys it after use).
 * A {@code null} secret refuses the handshake with {@code unknown_psk_identity}. The parsed
 * identity goes with the result, to be attached to the session.
 */
final class RegistryPskStore implements AdvancedPskStore {
    /** Identities whose parse is kept; a small number, as only devices that reconnect benefit. */
    static final int PARSE_CACHE_SIZE = 256;

    private final PskAuthorizer authorizer;
    private final HandshakeObserver observer;
    private final ConcurrentMap<String, IdentityParseResult> parsed = new ConcurrentHashMap<>();

    RegistryPskStore(PskAuthorizer authorizer, HandshakeObserver observer) {
        this.authorizer = authorizer;
        this.observer = observer;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return false;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
            PskPublicInformation identity, String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
            boolean useExtendedMasterSecret) {
        // A retransmitted flight asks again: the attempt keeps its first decision, so a scripted
        // refusal or an auto-registration applies once per handshake.
        PskDecision decision = observer.decisionFor(cid, identity.getBytes())
                .orElseGet(() -> authorizer.decide(parse(identity.getBytes())));
        observer.decided(cid, decision);
        SecretKey secret = decision.accepted() ? SecretUtil.create(decision.key(), "PSK") : null;
        // The parsed identity rides along to the session (SessionIdentity.SUPPLIER), so requests never parse it again.
        return new PskSecretResult(cid, identity, secret, decision.identity());
    }

    /**
     * The parse of an identity, from a small cache: a device that handshakes again sends the same
     * bytes, and the parse is a pure function of them (decoding, splitting, checking each field).
     */
    private IdentityParseResult parse(byte[] raw) {
        String key = new String(raw, StandardCharsets.ISO_8859_1);
        IdentityParseResult result = parsed.get(key);
        if (result == null) {
            result = IdentityParser.parse(raw);
            if (parsed.size() >= PARSE_CACHE_SIZE) {
                parsed.clear();
            }
            parsed.put(key, result);
        }
        return result;
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // server only
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers synchronously
    }
}
