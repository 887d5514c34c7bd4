package dev.enoscoap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The Californium settings both servers run with, given to the mock as its command-line flags
 * and applied by the bare server to its configuration the way the mock applies them, so that the
 * two differ only in what the mock does per handshake and per request.
 *
 * @param maxConnections {@code --max-connections}: DTLS connections kept at most
 * @param deduplicator {@code --deduplicator}: {@code peers}, {@code mark-and-sweep}, {@code crop-rotation} or {@code off}
 * @param perPeer {@code --dedup-per-peer}: answered requests kept per peer by {@code peers}
 * @param exchangeLifetimeSeconds {@code --exchange-lifetime}: how long an answered request is kept
 * @param staleSeconds {@code --stale-connection-seconds}: idle time after which a connection may be evicted
 * @param asFlags whether the mock is given these as flags (false for a mock build without them,
 *        which then runs with its built-in values: they must be the ones here)
 */
record ServerSettings(int maxConnections, String deduplicator, int perPeer, int exchangeLifetimeSeconds,
        int staleSeconds, boolean asFlags) {

    /** The mock's defaults. */
    static final ServerSettings DEFAULTS = new ServerSettings(20_000, "peers", 64, 247, 1_800, true);

    /** The built-in values of a mock without the flags: Californium's deduplicator, 20,000 connections. */
    static final ServerSettings BUILT_IN_BEFORE_FLAGS = new ServerSettings(20_000, "mark-and-sweep", 64, 247, 1_800,
            false);

    private static final List<String> FLAGS = List.of("--max-connections", "--deduplicator", "--dedup-per-peer",
            "--exchange-lifetime", "--stale-connection-seconds");

    boolean isFlag(String flag) {
        return FLAGS.contains(flag);
    }

    ServerSettings with(String flag, String value) {
        return switch (flag) {
            case "--max-connections" -> new ServerSettings(Integer.parseInt(value), deduplicator, perPeer,
                    exchangeLifetimeSeconds, staleSeconds, asFlags);
            case "--deduplicator" -> new ServerSettings(maxConnections, value, perPeer, exchangeLifetimeSeconds,
                    staleSeconds, asFlags);
            case "--dedup-per-peer" -> new ServerSettings(maxConnections, deduplicator, Integer.parseInt(value),
                    exchangeLifetimeSeconds, staleSeconds, asFlags);
            case "--exchange-lifetime" -> new ServerSettings(maxConnections, deduplicator, perPeer,
                    Integer.parseInt(value), staleSeconds, asFlags);
            case "--stale-connection-seconds" -> new ServerSettings(maxConnections, deduplicator, perPeer,
                    exchangeLifetimeSeconds, Integer.parseInt(value), asFlags);
            default -> throw new IllegalArgumentException("not a server setting: " + flag);
        };
    }

    /** The flags for either server (none for a mock without them). */
    List<String> flags(boolean forMock) {
        List<String> f = new ArrayList<>();
        if (forMock && !asFlags) {
            return f;
        }
        f.addAll(List.of("--max-connections", String.valueOf(maxConnections), "--deduplicator", deduplicator,
                "--dedup-per-peer", String.valueOf(perPeer), "--exchange-lifetime", String.valueOf(exchangeLifetimeSeconds),
                "--stale-connection-seconds", String.valueOf(staleSeconds)));
        return f;
    }

    /** Writes the settings into a bare server's configuration, as the mock does. */
    void applyTo(Configuration config) {
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, maxConnections);
        config.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, (long) staleSeconds, TimeUnit.SECONDS);
        config.set(CoapConfig.EXCHANGE_LIFETIME, (long) exchangeLifetimeSeconds, TimeUnit.SECONDS);
        config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, perPeer);
        config.set(CoapConfig.DEDUPLICATOR, switch (deduplicator) {
            case "peers" -> CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP;
            case "mark-and-sweep" -> CoapConfig.DEDUPLICATOR_MARK_AND_SWEEP;
            case "crop-rotation" -> CoapConfig.DEDUPLICATOR_CROP_ROTATION;
            case "off" -> CoapConfig.NO_DEDUPLICATOR;
            default -> throw new IllegalArgumentException("unknown deduplicator " + deduplicator);
        });
        config.set(CoapConfig.CROP_ROTATION_PERIOD, (long) exchangeLifetimeSeconds, TimeUnit.SECONDS);
        // A mock that has these flags also removes stale connections of identities that connected again.
        config.set(DtlsConfig.DTLS_REMOVE_STALE_DOUBLE_PRINCIPALS, asFlags);
    }
}
