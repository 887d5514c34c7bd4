package dev.enoscoap.conformance.reference;

import dev.enoscoap.mock.protocol.PskKeys;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the {@link ReferenceClient} behaves. {@link #conformant()} follows PROTOCOL.md in every
 * point; each {@code with…} method changes one point, which is how the kit's self-test builds
 * deliberately broken clients, and how a developer can see what the server does with a mistake.
 *
 * @param name shown in reports
 * @param keyDerivation secret to PSK key (EC-6)
 * @param identity builds the PSK identity (EC-3)
 * @param deviceSecretMode the SecureMode written when connecting with a device secret (EC-4: 2)
 * @param checkLifetime refuse a Lifetime outside 30..86400 before sending anything (EC-7)
 * @param reportFailures report errors; when false, failures are swallowed and calls "succeed"
 * @param offeredSuites IANA names of the suites to offer regardless of what is asked, or {@code null}
 * @param activationPath builds the activation path from product and device key (EC-8)
 * @param secretField the member of {@code params} holding the device secret (EC-9)
 * @param reconnectAfterActivation handshake again in SecureMode 2 after activation (EC-10)
 * @param reuseToken send every request with the same token (EC-1 forbids it)
 * @param confirmable send requests as CON (EC-1)
 * @param retransmit retransmit unacknowledged CON requests (RFC 7252)
 * @param followCommands follow option 2100 (EC-12)
 * @param handshakeAttempts handshake attempts per connect
 * @param handshakeBackoff wait before retrying a failed handshake
 * @param rehandshakeOnTimeout start a new handshake when a request times out (lost session)
 * @param measurePointMethod the {@code method} written for measure point uploads (EC-11)
 * @param dtlsRetransmissionTimeout DTLS flight retransmission timeout
 * @param dtlsMaxRetransmissions DTLS flight retransmissions before a handshake attempt fails
 * @param activationAttempts activation requests sent until one is answered 2.xx (EC-9: a refusal is final)
 * @param readReplyCode read the {@code code} of the EnOS reply body (EC-11)
 */
public record Behaviour(String name, Function<String, byte[]> keyDerivation, IdentityFormat identity,
        int deviceSecretMode, boolean checkLifetime, boolean reportFailures, List<String> offeredSuites,
        ActivationPath activationPath, String secretField, boolean reconnectAfterActivation, boolean reuseToken,
        boolean confirmable, boolean retransmit, boolean followCommands, int handshakeAttempts,
        Duration handshakeBackoff, boolean rehandshakeOnTimeout, String measurePointMethod,
        Duration dtlsRetransmissionTimeout, int dtlsMaxRetransmissions, int activationAttempts, boolean readReplyCode) {

    /** Builds the PSK identity. */
    @FunctionalInterface
    public interface IdentityFormat {
        String format(String productKey, String deviceKey, int secureMode, int lifetime);
    }

    /** Builds the activation path. */
    @FunctionalInterface
    public interface ActivationPath {
        String path(String productKey, String deviceKey);
    }

    /** A client that follows PROTOCOL.md in every point. */
    public static Behaviour conformant() {
        return new Behaviour("enos-reference-client", PskKeys::derive,
                (pk, dk, mode, lifetime) -> pk + "," + dk + "," + mode + "," + lifetime, 2, true, true, null,
                (pk, dk) -> "/topic/ext/session/" + pk + "/" + dk + "/thing/activate/info", "deviceSecret", true, false,
                true, true, true, 3, Duration.ofSeconds(1), true, "thing.measurepoint.post", Duration.ofMillis(500), 1, 1, true);
    }

    /** A copy with the changes {@code change} makes, e.g. {@code conformant().with(b -> b.reuseToken = true)}. */
    public Behaviour with(Consumer<Changes> change) {
        Changes c = new Changes(this);
        change.accept(c);
        return new Behaviour(c.name, c.keyDerivation, c.identity, c.deviceSecretMode, c.checkLifetime, c.reportFailures,
                c.offeredSuites, c.activationPath, c.secretField, c.reconnectAfterActivation, c.reuseToken, c.confirmable,
                c.retransmit, c.followCommands, c.handshakeAttempts, c.handshakeBackoff, c.rehandshakeOnTimeout,
                c.measurePointMethod, c.dtlsRetransmissionTimeout, c.dtlsMaxRetransmissions, c.activationAttempts,
                c.readReplyCode);
    }

    /** The fields of a {@link Behaviour}, to change in {@link #with}. */
    public static final class Changes {
        public String name;
        public Function<String, byte[]> keyDerivation;
        public IdentityFormat identity;
        public int deviceSecretMode;
        public boolean checkLifetime;
        public boolean reportFailures;
        public List<String> offeredSuites;
        public ActivationPath activationPath;
        public String secretField;
        public boolean reconnectAfterActivation;
        public boolean reuseToken;
        public boolean confirmable;
        public boolean retransmit;
        public boolean followCommands;
        public int handshakeAttempts;
        public Duration handshakeBackoff;
        public boolean rehandshakeOnTimeout;
        public String measurePointMethod;
        public Duration dtlsRetransmissionTimeout;
        public int dtlsMaxRetransmissions;
        public int activationAttempts;
        public boolean readReplyCode;

        private Changes(Behaviour b) {
            name = b.name;
            keyDerivation = b.keyDerivation;
            identity = b.identity;
            deviceSecretMode = b.deviceSecretMode;
            checkLifetime = b.checkLifetime;
            reportFailures = b.reportFailures;
            offeredSuites = b.offeredSuites;
            activationPath = b.activationPath;
            secretField = b.secretField;
            reconnectAfterActivation = b.reconnectAfterActivation;
            reuseToken = b.reuseToken;
            confirmable = b.confirmable;
            retransmit = b.retransmit;
            followCommands = b.followCommands;
            handshakeAttempts = b.handshakeAttempts;
            handshakeBackoff = b.handshakeBackoff;
            rehandshakeOnTimeout = b.rehandshakeOnTimeout;
            measurePointMethod = b.measurePointMethod;
            dtlsRetransmissionTimeout = b.dtlsRetransmissionTimeout;
            dtlsMaxRetransmissions = b.dtlsMaxRetransmissions;
            activationAttempts = b.activationAttempts;
            readReplyCode = b.readReplyCode;
        }
    }
}
