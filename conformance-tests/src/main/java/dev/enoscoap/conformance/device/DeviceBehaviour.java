package dev.enoscoap.conformance.device;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * How a {@link ReferenceDevice} behaves. {@link #conformant()} follows PROTOCOL.md and RFC 7252;
 * {@link #toBuilder()} changes named points, which is how the kit's observation self-test builds
 * deliberately broken devices:
 *
 * <pre>{@code
 * DeviceBehaviour neverRetransmits = DeviceBehaviour.conformant().toBuilder()
 *         .name("never-retransmits").maxRetransmit(0).build();
 * }</pre>
 *
 * <p>The conformant device shortens only timings no purpose judges: it gives up on an unanswered
 * request after {@link Builder#requestTimeout} (15 s) rather than after RFC 7252's 93 s, and on a
 * handshake after two DTLS retransmissions. Its CoAP retransmissions keep RFC 7252's parameters.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DeviceBehaviour {
    /** Builds a PSK identity. */
    @FunctionalInterface
    public interface IdentityFormat {
        /** The identity for these fields. */
        String format(String productKey, String deviceKey, int secureMode, int lifetime);
    }

    private final Builder b;

    private DeviceBehaviour(Builder b) {
        this.b = b.copy();
    }

    /** A device that follows PROTOCOL.md and RFC 7252 in every point. */
    public static DeviceBehaviour conformant() {
        return new Builder().build();
    }

    /** A builder starting from this behaviour. */
    public Builder toBuilder() {
        return b.copy();
    }

    /** Shown in logs and reports. */
    public String name() {
        return b.name;
    }

    Duration ackTimeout() {
        return b.ackTimeout;
    }

    float ackRandomFactor() {
        return b.ackRandomFactor;
    }

    int maxRetransmit() {
        return b.maxRetransmit;
    }

    float ackTimeoutScale() {
        return b.ackTimeoutScale;
    }

    int reconnectMode() {
        return b.reconnectMode;
    }

    String measurePointMethod() {
        return b.measurePointMethod;
    }

    int commandsToAnswer() {
        return b.commandsToAnswer;
    }

    boolean confirmable() {
        return b.confirmable;
    }

    boolean reuseMessageId() {
        return b.reuseMessageId;
    }

    boolean reuseToken() {
        return b.reuseToken;
    }

    boolean rehandshakeOnTimeout() {
        return b.rehandshakeOnTimeout;
    }

    Duration requestTimeout() {
        return b.requestTimeout;
    }

    Duration handshakeBackoff() {
        return b.handshakeBackoff;
    }

    Duration dtlsRetransmissionTimeout() {
        return b.dtlsRetransmissionTimeout;
    }

    int dtlsMaxRetransmissions() {
        return b.dtlsMaxRetransmissions;
    }

    boolean followCommands() {
        return b.followCommands;
    }

    String replySuffix() {
        return b.replySuffix;
    }

    boolean reportOnSecureMode3Session() {
        return b.reportOnSecureMode3Session;
    }

    boolean timeInSeconds() {
        return b.timeInSeconds;
    }

    boolean reconnectOnApplicationError() {
        return b.reconnectOnApplicationError;
    }

    String activationPathSuffix() {
        return b.activationPathSuffix;
    }

    boolean reconnectWithProductSecret() {
        return b.reconnectWithProductSecret;
    }

    List<EnosCipherSuite> cipherSuites() {
        return b.cipherSuites;
    }

    List<String> extraCipherSuites() {
        return b.extraCipherSuites;
    }

    IdentityFormat identity() {
        return b.identity;
    }

    Function<String, byte[]> keyDerivation() {
        return b.keyDerivation;
    }

    int payloadPadding() {
        return b.payloadPadding;
    }

    boolean optionalUploads() {
        return b.optionalUploads;
    }

    @Override
    public String toString() {
        return "DeviceBehaviour[" + b.name + "]";
    }

    /** Changes named points of a behaviour. */
    public static final class Builder {
        private String name = "reference-device";
        private Duration ackTimeout = Duration.ofSeconds(2);
        private float ackRandomFactor = 1.5f;
        private int maxRetransmit = 4;
        private float ackTimeoutScale = 2.0f;
        private int reconnectMode = SecureMode.DEVICE_SECRET.code();
        private String measurePointMethod = UplinkKind.MEASUREPOINT_POST.method(null);
        private int commandsToAnswer = Integer.MAX_VALUE;
        private boolean confirmable = true;
        private boolean reuseMessageId;
        private boolean reuseToken;
        private boolean rehandshakeOnTimeout = true;
        private Duration requestTimeout = Duration.ofSeconds(15);
        private Duration handshakeBackoff = Duration.ofSeconds(2);
        private Duration dtlsRetransmissionTimeout = Duration.ofSeconds(1);
        private int dtlsMaxRetransmissions = 2;
        private boolean followCommands = true;
        private String replySuffix = Topics.REPLY_SUFFIX;
        private boolean reportOnSecureMode3Session;
        private boolean timeInSeconds;
        private boolean reconnectOnApplicationError;
        private String activationPathSuffix = "";
        private boolean reconnectWithProductSecret;
        private List<EnosCipherSuite> cipherSuites = List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256);
        private List<String> extraCipherSuites = List.of();
        private IdentityFormat identity = PskIdentity::format;
        private Function<String, byte[]> keyDerivation = PskKeys::derive;
        private int payloadPadding;
        private boolean optionalUploads = true;

        private Builder() {
        }

        private Builder copy() {
            Builder c = new Builder();
            c.name = name;
            c.ackTimeout = ackTimeout;
            c.ackRandomFactor = ackRandomFactor;
            c.maxRetransmit = maxRetransmit;
            c.ackTimeoutScale = ackTimeoutScale;
            c.reconnectMode = reconnectMode;
            c.measurePointMethod = measurePointMethod;
            c.commandsToAnswer = commandsToAnswer;
            c.confirmable = confirmable;
            c.reuseMessageId = reuseMessageId;
            c.reuseToken = reuseToken;
            c.rehandshakeOnTimeout = rehandshakeOnTimeout;
            c.requestTimeout = requestTimeout;
            c.handshakeBackoff = handshakeBackoff;
            c.dtlsRetransmissionTimeout = dtlsRetransmissionTimeout;
            c.dtlsMaxRetransmissions = dtlsMaxRetransmissions;
            c.followCommands = followCommands;
            c.replySuffix = replySuffix;
            c.reportOnSecureMode3Session = reportOnSecureMode3Session;
            c.timeInSeconds = timeInSeconds;
            c.reconnectOnApplicationError = reconnectOnApplicationError;
            c.activationPathSuffix = activationPathSuffix;
            c.reconnectWithProductSecret = reconnectWithProductSecret;
            c.cipherSuites = cipherSuites;
            c.extraCipherSuites = extraCipherSuites;
            c.identity = identity;
            c.keyDerivation = keyDerivation;
            c.payloadPadding = payloadPadding;
            c.optionalUploads = optionalUploads;
            return c;
        }

        /** Its name in logs and reports. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** RFC 7252 ACK_TIMEOUT (default 2 s). */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = timeout;
            return this;
        }

        /** RFC 7252 ACK_RANDOM_FACTOR (default 1.5). */
        public Builder ackRandomFactor(float factor) {
            this.ackRandomFactor = factor;
            return this;
        }

        /** RFC 7252 MAX_RETRANSMIT (default 4); 0 never retransmits. */
        public Builder maxRetransmit(int n) {
            this.maxRetransmit = n;
            return this;
        }

        /** How the timeout grows after each retransmission (default 2: doubled, as RFC 7252 says). */
        public Builder ackTimeoutScale(float scale) {
            this.ackTimeoutScale = scale;
            return this;
        }

        /** The SecureMode it connects in after activation (default 2, as EC-10 says). */
        public Builder reconnectMode(int mode) {
            this.reconnectMode = mode;
            return this;
        }

        /** The method its measure point uploads name (default {@code thing.measurepoint.post}). */
        public Builder measurePointMethod(String method) {
            this.measurePointMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** How many commands it answers in all before it stops following option 2100 (default: all). */
        public Builder commandsToAnswer(int n) {
            this.commandsToAnswer = n;
            return this;
        }

        /** Whether requests are CON (default) or NON. */
        public Builder confirmable(boolean confirmable) {
            this.confirmable = confirmable;
            return this;
        }

        /** Whether every request carries the same Message ID. */
        public Builder reuseMessageId(boolean reuse) {
            this.reuseMessageId = reuse;
            return this;
        }

        /** Whether every request carries the same token. */
        public Builder reuseToken(boolean reuse) {
            this.reuseToken = reuse;
            return this;
        }

        /** Whether an unanswered request makes it start a new DTLS handshake (default) or keep the session. */
        public Builder rehandshakeOnTimeout(boolean rehandshake) {
            this.rehandshakeOnTimeout = rehandshake;
            return this;
        }

        /** How long it waits for a response before giving up on the request (default 15 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** The first wait after a failed handshake, doubled after each further failure (default 2 s). */
        public Builder handshakeBackoff(Duration backoff) {
            this.handshakeBackoff = backoff;
            return this;
        }

        /** DTLS flight retransmission timeout (default 1 s) and count (default 2): how soon a handshake fails. */
        public Builder dtlsRetransmissions(Duration timeout, int max) {
            this.dtlsRetransmissionTimeout = timeout;
            this.dtlsMaxRetransmissions = max;
            return this;
        }

        /** Whether it follows option 2100 (default). */
        public Builder followCommands(boolean follow) {
            this.followCommands = follow;
            return this;
        }

        /** What it appends to a command topic to answer (default {@code _reply}). */
        public Builder replySuffix(String suffix) {
            this.replySuffix = suffix;
            return this;
        }

        /** Whether it reports a measure point on its SecureMode 3 session after activating. */
        public Builder reportOnSecureMode3Session(boolean report) {
            this.reportOnSecureMode3Session = report;
            return this;
        }

        /** Whether {@code params.time} is in seconds instead of milliseconds. */
        public Builder timeInSeconds(boolean seconds) {
            this.timeInSeconds = seconds;
            return this;
        }

        /** Whether an application error in a reply makes it handshake again. */
        public Builder reconnectOnApplicationError(boolean reconnect) {
            this.reconnectOnApplicationError = reconnect;
            return this;
        }

        /** Appended to the activation path, e.g. {@code /v2} for a wrong path (default none). */
        public Builder activationPathSuffix(String suffix) {
            this.activationPathSuffix = suffix;
            return this;
        }

        /** Whether it reconnects after activation with the product secret instead of the returned one. */
        public Builder reconnectWithProductSecret(boolean wrong) {
            this.reconnectWithProductSecret = wrong;
            return this;
        }

        /** The EnOS suites it offers (default both); with {@link #extraCipherSuites}, the ClientHello's list. */
        public Builder cipherSuites(List<EnosCipherSuite> suites) {
            this.cipherSuites = List.copyOf(suites);
            return this;
        }

        /** Other Scandium suites it offers, by name, e.g. {@code TLS_PSK_WITH_AES_128_GCM_SHA256}. */
        public Builder extraCipherSuites(List<String> suites) {
            this.extraCipherSuites = List.copyOf(suites);
            return this;
        }

        /** How it writes its PSK identity. */
        public Builder identity(IdentityFormat format) {
            this.identity = Objects.requireNonNull(format, "format");
            return this;
        }

        /** How it derives its key from a secret. */
        public Builder keyDerivation(Function<String, byte[]> derivation) {
            this.keyDerivation = Objects.requireNonNull(derivation, "derivation");
            return this;
        }

        /** Extra characters added to every upload's body. */
        public Builder payloadPadding(int chars) {
            this.payloadPadding = chars;
            return this;
        }

        /** Whether it also posts batches, offline data, events and attributes now and then (default). */
        public Builder optionalUploads(boolean on) {
            this.optionalUploads = on;
            return this;
        }

        /** The behaviour. */
        public DeviceBehaviour build() {
            return new DeviceBehaviour(this);
        }
    }
}
