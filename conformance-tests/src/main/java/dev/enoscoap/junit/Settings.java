package dev.enoscoap.junit;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.session.VirtualClock;
import java.util.List;

/**
 * The options of one server, from the annotation or the builder.
 *
 * @param scope {@code null} when the builder left it to the field: static = per class, instance = per test
 */
record Settings(String registry, List<EnosCipherSuite> cipherSuites, int port, Scope scope, boolean virtualClock,
        boolean resetJournal, int maxConnections) {

    static final Settings DEFAULTS = new Settings(EnosCoapServer.DEMO_REGISTRY,
            List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256), 0, Scope.PER_CLASS, false, true,
            EnosMockServer.DEFAULT_MAX_CONNECTIONS);

    Settings {
        cipherSuites = List.copyOf(cipherSuites);
        if (cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("@EnosCoapServer needs at least one cipher suite (EC-2)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("@EnosCoapServer port " + port + " is outside 0..65535");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("@EnosCoapServer maxConnections must be at least 1, was " + maxConnections);
        }
        if (registry == null || registry.isBlank()) {
            throw new IllegalArgumentException("@EnosCoapServer registry must name a classpath: resource or a file");
        }
    }

    /** Options with the default connection limit. */
    Settings(String registry, List<EnosCipherSuite> cipherSuites, int port, Scope scope, boolean virtualClock,
            boolean resetJournal) {
        this(registry, cipherSuites, port, scope, virtualClock, resetJournal, EnosMockServer.DEFAULT_MAX_CONNECTIONS);
    }

    static Settings of(EnosCoapServer annotation) {
        return new Settings(annotation.registry(), List.of(annotation.cipherSuites()), annotation.port(),
                annotation.scope(), annotation.virtualClock(), annotation.resetJournal(), annotation.maxConnections());
    }

    /** What makes two servers interchangeable: classes with equal keys share a {@link Scope#SHARED} server. */
    String serverKey() {
        return "registry=" + registry + " suites=" + cipherSuites + " port=" + port + " virtualClock=" + virtualClock
                + " maxConnections=" + maxConnections;
    }

    RunningServer start() {
        VirtualClock clock = virtualClock ? new VirtualClock() : null;
        EnosMockServer.Builder builder = EnosMockServer.builder()
                .registry(registry)
                .bindAddress("127.0.0.1")
                .port(port)
                .cipherSuites(cipherSuites)
                .maxConnections(maxConnections);
        if (clock != null) {
            builder.clock(clock);
        }
        return new RunningServer(builder.start(), clock, this);
    }
}
