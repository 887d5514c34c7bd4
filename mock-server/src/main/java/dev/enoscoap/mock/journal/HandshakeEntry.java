package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A DTLS handshake attempt.
 *
 * @param sequence position in the journal
 * @param time when it ended
 * @param peer the client's address
 * @param identityReceived the PSK identity exactly as received (invalid UTF-8 shown with U+FFFD), or
 *        {@code null} if the handshake ended before the client sent one
 * @param identity the parsed identity, or {@code null} if there was none or it was malformed
 * @param cipherSuite the IANA name of the negotiated suite, or {@code null} if none was agreed
 * @param outcome accepted or refused
 * @param reason why it was refused, {@code null} when accepted
 * @param identityRule the identity rule broken, when the reason is {@link RefusalReason#BAD_IDENTITY}
 * @param detail the precise reason in words, naming the input and the clause
 * @param resumed whether it was an abbreviated handshake resuming an earlier session
 * @param clientVersion the {@code client_version} of the client's ClientHello (DTLS 1.2 is
 *        {@code 0xFEFD}), or {@code null} if no ClientHello of this handshake was seen
 * @param offeredCipherSuites the cipher suites the ClientHello offered, in its order: IANA names,
 *        {@code 0xHHHH} for codes without a known name; empty if no ClientHello was seen
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HandshakeEntry(long sequence, Instant time, InetSocketAddress peer, String identityReceived,
        PskIdentity identity, String cipherSuite, HandshakeOutcome outcome, RefusalReason reason,
        IdentityRule identityRule, String detail, boolean resumed, Integer clientVersion,
        List<String> offeredCipherSuites) implements JournalEntry {

    private static final int SUITES_SPELLED_OUT = 4;

    public HandshakeEntry {
        offeredCipherSuites = offeredCipherSuites == null ? List.of() : List.copyOf(offeredCipherSuites);
    }

    /** An entry without what the ClientHello offered. */
    public HandshakeEntry(long sequence, Instant time, InetSocketAddress peer, String identityReceived,
            PskIdentity identity, String cipherSuite, HandshakeOutcome outcome, RefusalReason reason,
            IdentityRule identityRule, String detail, boolean resumed) {
        this(sequence, time, peer, identityReceived, identity, cipherSuite, outcome, reason, identityRule, detail,
                resumed, null, List.of());
    }

    /** The device the identity names, or {@code null} if there was no well-formed identity. */
    public DeviceId device() {
        return identity == null ? null : identity.device();
    }

    /** Whether the handshake completed. */
    public boolean accepted() {
        return outcome == HandshakeOutcome.ACCEPTED;
    }

    /** The client version as text: {@code DTLS1.2} for 0xFEFD, {@code DTLS1.0} for 0xFEFF, else hex; or {@code null}. */
    public String clientVersionName() {
        if (clientVersion == null) {
            return null;
        }
        return switch (clientVersion) {
            case 0xFEFD -> "DTLS1.2";
            case 0xFEFF -> "DTLS1.0";
            case 0xFEFC -> "DTLS1.3";
            default -> String.format("0x%04X", clientVersion);
        };
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("handshake ").append(outcome);
        if (reason != null) {
            sb.append(' ').append(reason);
            if (identityRule != null) {
                sb.append('/').append(identityRule);
            }
        }
        sb.append(" peer=").append(peer == null ? "?" : peer.getAddress().getHostAddress() + ":" + peer.getPort());
        sb.append(" identity=").append(identityReceived == null ? "(none)"
                : "'" + LogText.escape(shorten(identityReceived)).replace("'", "\\'") + "'");
        if (cipherSuite != null) {
            sb.append(" suite=").append(cipherSuite);
        }
        if (resumed) {
            sb.append(" resumed");
        }
        if (clientVersion != null) {
            sb.append(" hello=").append(clientVersionName()).append(" offered=").append(LogText.escape(offeredInShort()));
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(" | ").append(LogText.escape(detail));
        }
        return LogText.oneLine(sb.toString());
    }

    /**
     * What the ClientHello offered, in short: the whole list when it is short; otherwise how many
     * suites, and which of EnOS's two were among them (the entry keeps the whole list), e.g.
     * {@code 49 suites, EnOS: TLS_PSK_WITH_AES_128_CCM_8,TLS_PSK_WITH_AES_128_CBC_SHA256}.
     */
    public String offeredInShort() {
        if (offeredCipherSuites.size() <= SUITES_SPELLED_OUT) {
            return String.join(",", offeredCipherSuites);
        }
        List<String> enos = offeredCipherSuites.stream().filter(EnosCipherSuite::isEnos).toList();
        return offeredCipherSuites.size() + " suites, " + (enos.isEmpty() ? "no EnOS suite"
                : "EnOS: " + String.join(",", enos));
    }

    static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…(" + text.length() + " chars)";
    }
}
