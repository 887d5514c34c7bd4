package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.NotSupported;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.opentest4j.AssertionFailedError;

/**
 * Judges one test purpose: starts mock servers, drives the client through its adapter with a
 * time limit, and turns what the servers saw into a verdict with evidence.
 */
public final class Judge implements AutoCloseable {
    /** Longest an adapter call may take before the purpose is inconclusive. */
    public static final Duration CALL_LIMIT = Duration.ofSeconds(60);
    private static final int EVIDENCE_LINES = 40;

    private final Catalogue.Entry purpose;
    private final EnosClientAdapter adapter;
    private final List<EnosMockServer> servers = new ArrayList<>();
    private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "enos-conformance-client");
        t.setDaemon(true);
        return t;
    });
    private ClientInfo info;

    /** A client operation. */
    @FunctionalInterface
    public interface ClientCall<T> {
        T run(EnosClientAdapter adapter) throws ClientFailure, NotSupported;
    }

    Judge(Catalogue.Entry purpose, EnosClientAdapter adapter) {
        this.purpose = purpose;
        this.adapter = adapter;
    }

    /** The purpose being judged. */
    public Catalogue.Entry purpose() {
        return purpose;
    }

    /** The client's declared identity and capabilities. */
    public ClientInfo client() {
        if (info == null) {
            info = adapter.info();
        }
        return info;
    }

    /** Skips the purpose as not applicable unless the client declares every capability. */
    public void requires(Capability... capabilities) {
        for (Capability c : capabilities) {
            if (!client().can(c)) {
                throw new NotApplicable(client().name() + " does not declare " + c);
            }
        }
    }

    /** A mock server on loopback with the demo registry, configured by {@code config}. */
    public EnosMockServer server(UnaryOperator<EnosMockServer.Builder> config) {
        EnosMockServer s = config.apply(EnosMockServer.builder()).start();
        servers.add(s);
        return s;
    }

    /** A mock server on loopback with the demo registry and both suites. */
    public EnosMockServer server() {
        return server(b -> b);
    }

    /** What to connect with. */
    public ConnectionSpec spec(EnosMockServer s, String productKey, String deviceKey, int mode, String secret,
            int lifetime, EnosCipherSuite... suites) {
        return new ConnectionSpec(s.coapsUri(), productKey, deviceKey, mode, secret, lifetime, Arrays.asList(suites));
    }

    /**
     * Runs a client operation within {@link #CALL_LIMIT}. A client that says it cannot do it makes
     * the purpose not applicable; one that does not return in time makes it inconclusive.
     */
    public <T> Outcome<T> call(String what, ClientCall<T> call) {
        Future<T> future = calls.submit(() -> call.run(adapter));
        try {
            return new Outcome<>(future.get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClientFailure failure) {
                return new Outcome<>(null, failure);
            }
            if (cause instanceof NotSupported ns) {
                throw new NotApplicable(what + ": " + ns.getMessage());
            }
            throw new Inconclusive(what + ": the adapter failed unexpectedly: " + cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Inconclusive(what + ": the client did not return within " + CALL_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Inconclusive(what + ": interrupted");
        }
    }

    /** Connects as {@code spec} says, within {@link #CALL_LIMIT}. */
    public Outcome<Void> connect(ConnectionSpec spec) {
        return call("connect " + spec, a -> {
            a.connect(spec);
            return null;
        });
    }

    /** Activates as {@code spec} says and returns the secret the client reports. */
    public Outcome<String> activate(ConnectionSpec spec) {
        return call("activate " + spec, a -> a.activate(spec));
    }

    /** Reports measure points on the device's SecureMode 2 session. */
    public Outcome<dev.enoscoap.conformance.spi.PublishResult> report(ConnectionSpec spec, java.util.Map<String, Object> points) {
        return call("report measure points " + points, a -> a.reportMeasurePoints(spec, points));
    }

    /**
     * The failure verdict: {@code purpose · clause · expected · observed}, then the journal.
     */
    public AssertionFailedError fail(String expected, String observed) {
        return new AssertionFailedError(purpose.id() + " · " + purpose.clause() + " · expected: " + expected
                + " · observed: " + observed + "\n" + evidence());
    }

    /** Fails unless {@code ok}. */
    public void check(boolean ok, String expected, String observed) {
        if (!ok) {
            throw fail(expected, observed);
        }
    }

    /** The inconclusive verdict, naming what stopped the judgement. */
    public Inconclusive inconclusive(String why) {
        return new Inconclusive(purpose.id() + ": " + why);
    }

    /**
     * The accepted handshake of {@code device} whose identity is {@code expectedIdentity}, or an
     * inconclusive verdict naming the purpose that owns the problem.
     */
    public HandshakeEntry acceptedHandshake(EnosMockServer s, DeviceId device, String expectedIdentity, String keyPurpose,
            String identityPurpose, Outcome<?> outcome) {
        List<HandshakeEntry> all = s.journal().handshakes();
        if (all.isEmpty()) {
            throw inconclusive("the client never reached the key exchange with the server (" + outcome.describe() + ")");
        }
        for (HandshakeEntry h : all) {
            if (h.accepted() && expectedIdentity.equals(h.identityReceived())) {
                return h;
            }
        }
        HandshakeEntry last = all.get(all.size() - 1);
        if (last.identityReceived() == null) {
            throw inconclusive("prerequisite ENOS-DTLS-03 failed: " + last.detail());
        }
        if (!expectedIdentity.equals(last.identityReceived())) {
            throw inconclusive("prerequisite " + identityPurpose + " failed: identity '" + last.identityReceived()
                    + "', expected '" + expectedIdentity + "'");
        }
        if (last.reason() == dev.enoscoap.mock.journal.RefusalReason.KEY_MISMATCH) {
            throw inconclusive("prerequisite " + keyPurpose + " failed: key mismatch");
        }
        throw inconclusive("the handshake of " + device + " was refused: " + last.reason() + " " + last.detail());
    }

    /** The last journal lines of every server, for evidence. */
    public String evidence() {
        StringBuilder sb = new StringBuilder();
        for (EnosMockServer s : servers) {
            List<JournalEntry> entries = s.journal().entries();
            sb.append("journal of ").append(s.coapsUri()).append(":\n");
            int from = Math.max(0, entries.size() - EVIDENCE_LINES);
            if (from > 0) {
                sb.append("  (").append(from).append(" earlier entries not shown)\n");
            }
            for (JournalEntry e : entries.subList(from, entries.size())) {
                sb.append("  #").append(e.sequence()).append(' ').append(e.describe()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            adapter.close();
        } finally {
            servers.forEach(EnosMockServer::close);
        }
    }
}
