package dev.enoscoap.mock.dtls;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * What the latest well-formed ClientHello of each peer address offered, so that the handshake
 * that ClientHello starts can be journaled with it. Bounded: the least recently seen peers are
 * forgotten first.
 */
final class ClientHelloOffers {
    private static final int CAPACITY = 4_096;

    /**
     * @param version the {@code client_version}, e.g. {@code 0xFEFD} for DTLS 1.2
     * @param cipherSuites the offered suite codes, in order
     * @param canStart whether it can start a handshake: it carries a cookie or a session to resume
     */
    record Offer(int version, List<Integer> cipherSuites, boolean canStart) {

        /** The suites by IANA name, {@code 0xHHHH} for codes without a known name. */
        List<String> cipherSuiteNames() {
            return cipherSuites.stream().map(Offer::name).toList();
        }

        private static String name(int code) {
            String known = KNOWN_NAMES.get(code);
            return known != null ? known : String.format("0x%04X", code);
        }
    }

    /** The IANA name of every suite Scandium knows, by code: worked out once, read on every handshake. */
    private static final Map<Integer, String> KNOWN_NAMES = knownNames();

    private static Map<Integer, String> knownNames() {
        Map<Integer, String> names = new HashMap<>();
        for (CipherSuite suite : CipherSuite.values()) {
            // Scandium 3.13 spells 0x00A9 ..._GCM_SHA378; its IANA name ends in SHA384.
            names.put(suite.getCode(), suite.name().replace("_SHA378", "_SHA384"));
        }
        return Map.copyOf(names);
    }

    private final Map<InetSocketAddress, Offer> latest = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Offer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Notes a well-formed ClientHello. Only those that can start a handshake are kept. */
    void seen(InetSocketAddress peer, Offer offer) {
        if (!offer.canStart()) {
            return;
        }
        synchronized (latest) {
            latest.put(peer, offer);
        }
    }

    /** The offer of the latest ClientHello of {@code peer}, if any; forgets it. */
    Offer take(InetSocketAddress peer) {
        if (peer == null) {
            return null;
        }
        synchronized (latest) {
            return latest.remove(peer);
        }
    }
}
