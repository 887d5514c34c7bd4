package dev.enoscoap.mock.dtls;

import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.wire.WireTap;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DtlsDatagramFilter;

/**
 * Checks the structure of every ClientHello before Scandium parses it, and drops a malformed one
 * silently, counting it: a spoofed datagram must cost neither a log line nor state. Scandium 3.13
 * logs a stack trace for each ClientHello whose session-id or cookie length runs past the message,
 * before any cookie check, so this is the only place to stop that flood.
 *
 * <p>A well-formed ClientHello's version and offered cipher suites are noted for the handshake
 * journal ({@link ClientHelloOffers}). Everything else is left to Scandium's own record filter and
 * MAC error filter, which this extends.
 */
final class ClientHelloFilter extends DtlsDatagramFilter {
    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int CONTENT_HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int MAX_SESSION_ID = 32;

    private final DropReport drops;
    private final ClientHelloOffers offers;
    private final WireTap wire;

    ClientHelloFilter(Configuration config, DropReport drops, ClientHelloOffers offers, WireTap wire) {
        super(config);
        this.drops = drops;
        this.offers = offers;
        this.wire = wire;
    }

    @Override
    public boolean onReceiving(DatagramPacket packet) {
        if (!super.onReceiving(packet)) {
            return false;
        }
        byte[] b = packet.getData();
        int end = packet.getOffset() + packet.getLength();
        boolean tap = wire != null && wire.wantsRecords();
        for (int o = packet.getOffset(); o + RECORD_HEADER <= end;) {
            int length = u16(b, o + 11);
            int epoch = u16(b, o + 3);
            if (tap) {
                wire.record((InetSocketAddress) packet.getSocketAddress(), b[o] & 0xff, epoch, length);
            }
            int body = o + RECORD_HEADER;
            if ((b[o] & 0xff) == CONTENT_HANDSHAKE && epoch == 0 && length > 0 && body < end
                    && (b[body] & 0xff) == CLIENT_HELLO) {
                Object verdict = clientHello(b, body, Math.min(end, body + length), body + length > end);
                if (verdict instanceof String rule) {
                    drops.suppressed("malformed-client-hello/" + rule, "ClientHello from "
                            + ((InetSocketAddress) packet.getSocketAddress()).getAddress().getHostAddress()
                            + " dropped: " + rule);
                    return false;
                }
                offers.seen((InetSocketAddress) packet.getSocketAddress(), (ClientHelloOffers.Offer) verdict);
            }
            o = body + length;
        }
        return true;
    }

    /** The offer of a well-formed ClientHello in {@code b[from, to)}, or the rule it breaks (a String). */
    static Object clientHello(byte[] b, int from, int to, boolean truncated) {
        if (truncated) {
            return "record-length";
        }
        if (to - from < HANDSHAKE_HEADER) {
            return "handshake-header";
        }
        int messageLength = u24(b, from + 1);
        int fragmentOffset = u24(b, from + 6);
        int fragmentLength = u24(b, from + 9);
        if (fragmentOffset != 0 || fragmentLength != messageLength) {
            return "fragmented";
        }
        if (from + HANDSHAKE_HEADER + fragmentLength != to) {
            return "message-length";
        }
        int p = from + HANDSHAKE_HEADER;
        if (to - p < 2 + 32 + 1) {
            return "too-short";
        }
        int version = u16(b, p);
        p += 2 + 32;
        int sessionId = b[p] & 0xff;
        if (sessionId > MAX_SESSION_ID || p + 1 + sessionId > to) {
            return "session-id-length";
        }
        p += 1 + sessionId;
        if (p >= to) {
            return "cookie-length";
        }
        int cookie = b[p] & 0xff;
        if (p + 1 + cookie > to) {
            return "cookie-length";
        }
        p += 1 + cookie;
        if (p + 2 > to) {
            return "cipher-suites-length";
        }
        int suitesLength = u16(b, p);
        p += 2;
        if (suitesLength < 2 || suitesLength % 2 != 0 || p + suitesLength > to) {
            return "cipher-suites-length";
        }
        List<Integer> suites = new ArrayList<>(suitesLength / 2);
        for (int i = 0; i < suitesLength; i += 2) {
            suites.add(u16(b, p + i));
        }
        p += suitesLength;
        if (p >= to) {
            return "compression-methods-length";
        }
        int compression = b[p] & 0xff;
        if (compression < 1 || p + 1 + compression > to) {
            return "compression-methods-length";
        }
        p += 1 + compression;
        if (p < to) {
            if (p + 2 > to || p + 2 + u16(b, p) != to) {
                return "extensions-length";
            }
            p += 2;
            while (p < to) {
                if (p + 4 > to || p + 4 + u16(b, p + 2) > to) {
                    return "extension-length";
                }
                p += 4 + u16(b, p + 2);
            }
        }
        return new ClientHelloOffers.Offer(version, List.copyOf(suites), cookie > 0 || sessionId > 0);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
    }
}
