package dev.enoscoap.conformance.reference;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import dev.enoscoap.mock.protocol.PskKeys;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * How the {@link ReferenceClient} behaves. {@link #conformant()} follows PROTOCOL.md in every
 * point; {@link #toBuilder()} changes named points, which is how the kit's self-test builds
 * deliberately broken clients, and how a developer can see what the server does with a mistake:
 *
 * <pre>{@code
 * Behaviour reusedToken = Behaviour.conformant().toBuilder().name("reused-token").reuseToken(true).build();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Behaviour {

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

    /** What the client does when an activation request gets no answer, or an answer it cannot use. */
    public enum ActivationFallback {
        /** Reports the failure (EC-9). */
        FAIL,
        /** Pretends the device is activated and reports the product secret as its device secret. */
        PRODUCT_SECRET
    }

    private final Builder b;

    private Behaviour(Builder b) {
        this.b = b.copy();
    }

    /** A client that follows PROTOCOL.md in every point. */
    public static Behaviour conformant() {
        return new Behaviour(new Builder());
    }

    /** A builder starting from this behaviour. */
    public Builder toBuilder() {
        return b.copy();
    }

    /** Shown in reports. */
    public String name() {
        return b.name;
    }

    Function<String, byte[]> keyDerivation() {
        return b.keyDerivation;
    }

    IdentityFormat identity() {
        return b.identity;
    }

    int deviceSecretMode() {
        return b.deviceSecretMode;
    }

    boolean checkLifetime() {
        return b.checkLifetime;
    }

    boolean reportFailures() {
        return b.reportFailures;
    }

    List<String> offeredSuites() {
        return b.offeredSuites;
    }

    ActivationPath activationPath() {
        return b.activationPath;
    }

    String secretField() {
        return b.secretField;
    }

    boolean reconnectAfterActivation() {
        return b.reconnectAfterActivation;
    }

    boolean reconnectWithProductSecret() {
        return b.reconnectWithProductSecret;
    }

    boolean reportOnSecureMode3Session() {
        return b.reportOnSecureMode3Session;
    }

    boolean probeTopicOnSecureMode3Session() {
        return b.probeTopicOnSecureMode3Session;
    }

    boolean reuseToken() {
        return b.reuseToken;
    }

    boolean confirmable() {
        return b.confirmable;
    }

    boolean retransmit() {
        return b.retransmit;
    }

    boolean followCommands() {
        return b.followCommands;
    }

    int commandsPerCall() {
        return b.commandsPerCall;
    }

    int handshakeAttempts() {
        return b.handshakeAttempts;
    }

    Duration handshakeBackoff() {
        return b.handshakeBackoff;
    }

    boolean rehandshakeOnTimeout() {
        return b.rehandshakeOnTimeout;
    }

    String measurePointMethod() {
        return b.measurePointMethod;
    }

    String batchMethod() {
        return b.batchMethod;
    }

    boolean resumeOnPostTopic() {
        return b.resumeOnPostTopic;
    }

    UnaryOperator<String> eventMethod() {
        return b.eventMethod;
    }

    String attributesMember() {
        return b.attributesMember;
    }

    boolean timeInSeconds() {
        return b.timeInSeconds;
    }

    int payloadPadding() {
        return b.payloadPadding;
    }

    Duration dtlsRetransmissionTimeout() {
        return b.dtlsRetransmissionTimeout;
    }

    int dtlsMaxRetransmissions() {
        return b.dtlsMaxRetransmissions;
    }

    int activationAttempts() {
        return b.activationAttempts;
    }

    ActivationFallback activationFallback() {
        return b.activationFallback;
    }

    boolean readReplyCode() {
        return b.readReplyCode;
    }

    boolean errorAnswersAsSuccess() {
        return b.errorAnswersAsSuccess;
    }

    @Override
    public String toString() {
        return "Behaviour[" + b.name + "]";
    }

    /** Named changes to a behaviour; every default is the conformant one. */
    public static final class Builder {
        private String name = "enos-reference-client";
        private Function<String, byte[]> keyDerivation = PskKeys::derive;
        private IdentityFormat identity = PskIdentity::format;
        private int deviceSecretMode = SecureMode.DEVICE_SECRET.code();
        private boolean checkLifetime = true;
        private boolean reportFailures = true;
        private List<String> offeredSuites;
        private ActivationPath activationPath = (pk, dk) -> Topics.activationPath(new DeviceId(pk, dk));
        private String secretField = "deviceSecret";
        private boolean reconnectAfterActivation = true;
        private boolean reconnectWithProductSecret;
        private boolean reportOnSecureMode3Session;
        private boolean probeTopicOnSecureMode3Session;
        private boolean reuseToken;
        private boolean confirmable = true;
        private boolean retransmit = true;
        private boolean followCommands = true;
        private int commandsPerCall = Integer.MAX_VALUE;
        private int handshakeAttempts = 3;
        private Duration handshakeBackoff = Duration.ofSeconds(1);
        private boolean rehandshakeOnTimeout = true;
        private String measurePointMethod = UplinkKind.MEASUREPOINT_POST.method(null);
        private String batchMethod = UplinkKind.MEASUREPOINT_POST_BATCH.method(null);
        private boolean resumeOnPostTopic;
        private UnaryOperator<String> eventMethod = UplinkKind.EVENT_POST::method;
        private String attributesMember = "attributes";
        private boolean timeInSeconds;
        private int payloadPadding;
        private Duration dtlsRetransmissionTimeout = Duration.ofMillis(500);
        private int dtlsMaxRetransmissions = 1;
        private int activationAttempts = 1;
        private ActivationFallback activationFallback = ActivationFallback.FAIL;
        private boolean readReplyCode = true;
        private boolean errorAnswersAsSuccess;

        private Builder() {
        }

        private Builder copy() {
            Builder c = new Builder();
            c.name = name;
            c.keyDerivation = keyDerivation;
            c.identity = identity;
            c.deviceSecretMode = deviceSecretMode;
            c.checkLifetime = checkLifetime;
            c.reportFailures = reportFailures;
            c.offeredSuites = offeredSuites;
            c.activationPath = activationPath;
            c.secretField = secretField;
            c.reconnectAfterActivation = reconnectAfterActivation;
            c.reconnectWithProductSecret = reconnectWithProductSecret;
            c.reportOnSecureMode3Session = reportOnSecureMode3Session;
            c.probeTopicOnSecureMode3Session = probeTopicOnSecureMode3Session;
            c.reuseToken = reuseToken;
            c.confirmable = confirmable;
            c.retransmit = retransmit;
            c.followCommands = followCommands;
            c.commandsPerCall = commandsPerCall;
            c.handshakeAttempts = handshakeAttempts;
            c.handshakeBackoff = handshakeBackoff;
            c.rehandshakeOnTimeout = rehandshakeOnTimeout;
            c.measurePointMethod = measurePointMethod;
            c.batchMethod = batchMethod;
            c.resumeOnPostTopic = resumeOnPostTopic;
            c.eventMethod = eventMethod;
            c.attributesMember = attributesMember;
            c.timeInSeconds = timeInSeconds;
            c.payloadPadding = payloadPadding;
            c.dtlsRetransmissionTimeout = dtlsRetransmissionTimeout;
            c.dtlsMaxRetransmissions = dtlsMaxRetransmissions;
            c.activationAttempts = activationAttempts;
            c.activationFallback = activationFallback;
            c.readReplyCode = readReplyCode;
            c.errorAnswersAsSuccess = errorAnswersAsSuccess;
            return c;
        }

        /** The name shown in reports. */
        public Builder name(String value) {
            name = Objects.requireNonNull(value);
            return this;
        }

        /** Secret to PSK key (EC-6: bytes [8,24) of SHA-256). */
        public Builder keyDerivation(Function<String, byte[]> value) {
            keyDerivation = Objects.requireNonNull(value);
            return this;
        }

        /** Builds the PSK identity (EC-3). */
        public Builder identity(IdentityFormat value) {
            identity = Objects.requireNonNull(value);
            return this;
        }

        /** The SecureMode written when connecting with a device secret (EC-4: 2). */
        public Builder deviceSecretMode(int value) {
            deviceSecretMode = value;
            return this;
        }

        /** Refuse a Lifetime outside 30..86400 before sending anything (EC-7). */
        public Builder checkLifetime(boolean value) {
            checkLifetime = value;
            return this;
        }

        /** Report errors; when false, failures are swallowed and calls "succeed". */
        public Builder reportFailures(boolean value) {
            reportFailures = value;
            return this;
        }

        /** IANA names of the suites to offer regardless of what is asked, or {@code null} for what is asked. */
        public Builder offeredSuites(List<String> value) {
            offeredSuites = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Builds the activation path from product and device key (EC-8). */
        public Builder activationPath(ActivationPath value) {
            activationPath = Objects.requireNonNull(value);
            return this;
        }

        /** The member of {@code params} holding the device secret (EC-9). */
        public Builder secretField(String value) {
            secretField = Objects.requireNonNull(value);
            return this;
        }

        /** Handshake again in SecureMode 2 after activation (EC-10). */
        public Builder reconnectAfterActivation(boolean value) {
            reconnectAfterActivation = value;
            return this;
        }

        /** Reconnect after activation with the product secret instead of the returned one (EC-10 forbids it). */
        public Builder reconnectWithProductSecret(boolean value) {
            reconnectWithProductSecret = value;
            return this;
        }

        /** Report a measure point on the SecureMode 3 session right after activation (EC-5, EC-10 forbid it). */
        public Builder reportOnSecureMode3Session(boolean value) {
            reportOnSecureMode3Session = value;
            return this;
        }

        /** GET the device's own topic on the SecureMode 3 session before activating (EC-5 forbids it). */
        public Builder probeTopicOnSecureMode3Session(boolean value) {
            probeTopicOnSecureMode3Session = value;
            return this;
        }

        /** Send every request with the same token (EC-1 forbids it). */
        public Builder reuseToken(boolean value) {
            reuseToken = value;
            return this;
        }

        /** Send requests as CON (EC-1). */
        public Builder confirmable(boolean value) {
            confirmable = value;
            return this;
        }

        /** Retransmit unacknowledged CON requests (RFC 7252). */
        public Builder retransmit(boolean value) {
            retransmit = value;
            return this;
        }

        /** Follow option 2100 (EC-12). */
        public Builder followCommands(boolean value) {
            followCommands = value;
            return this;
        }

        /** How many announced commands to answer per call (EC-12: all that wait). */
        public Builder commandsPerCall(int value) {
            commandsPerCall = value;
            return this;
        }

        /** Handshake attempts per connect, and the wait before the second (doubling after). */
        public Builder handshakeRetries(int attempts, Duration backoff) {
            handshakeAttempts = attempts;
            handshakeBackoff = Objects.requireNonNull(backoff);
            return this;
        }

        /** Start a new handshake when a request times out (lost session). */
        public Builder rehandshakeOnTimeout(boolean value) {
            rehandshakeOnTimeout = value;
            return this;
        }

        /** The {@code method} written for measure point uploads (EC-11). */
        public Builder measurePointMethod(String value) {
            measurePointMethod = Objects.requireNonNull(value);
            return this;
        }

        /** The {@code method} written for batch uploads (EC-11). */
        public Builder batchMethod(String value) {
            batchMethod = Objects.requireNonNull(value);
            return this;
        }

        /** Send offline data on the live {@code measurepoint/post} topic instead of {@code resume} (EC-11). */
        public Builder resumeOnPostTopic(boolean value) {
            resumeOnPostTopic = value;
            return this;
        }

        /** The {@code method} written for an event, from its identifier (EC-11). */
        public Builder eventMethod(UnaryOperator<String> value) {
            eventMethod = Objects.requireNonNull(value);
            return this;
        }

        /** The member of {@code params} that carries attributes (EC-11: {@code attributes}). */
        public Builder attributesMember(String value) {
            attributesMember = Objects.requireNonNull(value);
            return this;
        }

        /** Write {@code params.time} in seconds instead of milliseconds (EC-11 says milliseconds). */
        public Builder timeInSeconds(boolean value) {
            timeInSeconds = value;
            return this;
        }

        /** Pad every upload body with this many extra characters (EC-1: payloads should stay under 1 KB). */
        public Builder payloadPadding(int value) {
            payloadPadding = value;
            return this;
        }

        /** DTLS flight retransmission timeout, and retransmissions before a handshake attempt fails. */
        public Builder dtlsRetransmission(Duration timeout, int maxRetransmissions) {
            dtlsRetransmissionTimeout = Objects.requireNonNull(timeout);
            dtlsMaxRetransmissions = maxRetransmissions;
            return this;
        }

        /** Activation requests sent while the answer is an error (EC-9: a refusal is final). */
        public Builder activationAttempts(int value) {
            activationAttempts = value;
            return this;
        }

        /** What to do when activation gets no answer or a 4.04 (EC-9: fail). */
        public Builder activationFallback(ActivationFallback value) {
            activationFallback = Objects.requireNonNull(value);
            return this;
        }

        /** Read the {@code code} of the EnOS reply body (EC-11). */
        public Builder readReplyCode(boolean value) {
            readReplyCode = value;
            return this;
        }

        /** Report a 4.xx or 5.xx answer to an upload as 2.04 (EC-13 forbids it). */
        public Builder errorAnswersAsSuccess(boolean value) {
            errorAnswersAsSuccess = value;
            return this;
        }

        /** The behaviour. */
        public Behaviour build() {
            return new Behaviour(this);
        }
    }
}
