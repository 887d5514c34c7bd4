package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.NotSupported;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.opentest4j.AssertionFailedError;

/**
 * Judges one test purpose: starts mock servers, drives the client through its adapter with a
 * time limit, and turns what the servers saw into a verdict with evidence. The purpose's
 * capabilities and prerequisites come from the catalogue and are checked before the test body
 * runs ({@link ConformanceExtension}); when the body finds a fact missing that another purpose
 * owns (a key mismatch, a wrong identity), {@link #because} names that purpose.
 */
final class Judge implements AutoCloseable {
    /** Longest an adapter call may take before the purpose is inconclusive. */
    public static final Duration CALL_LIMIT = Duration.ofSeconds(60);
    private static final int EVIDENCE_LINES = 40;

    private final Catalogue.Entry purpose;
    private final EnosClientAdapter adapter;
    private final Ledger ledger;
    private final Scenarios scenarios;
    private final Consumer<String> notes;
    private final List<EnosMockServer> servers = new ArrayList<>();
    private final List<EnosMockServer> watched = new ArrayList<>();
    private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "enos-conformance-client");
        t.setDaemon(true);
        return t;
    });
    private final ClientInfo info;

    /** A client operation. */
    @FunctionalInterface
    public interface ClientCall<T> {
        T run(EnosClientAdapter adapter) throws ClientFailure, NotSupported;
    }

    /** A shared client action's result: the server it ran against, and whatever it found. */
    interface Scenario {
        EnosMockServer server();
    }

    Judge(Catalogue.Entry purpose, EnosClientAdapter adapter, ClientInfo info, Ledger ledger, Scenarios scenarios,
            Consumer<String> notes) {
        this.purpose = purpose;
        this.adapter = adapter;
        this.info = info;
        this.ledger = ledger;
        this.scenarios = scenarios;
        this.notes = notes;
    }

    /** The purpose being judged. */
    public Catalogue.Entry purpose() {
        return purpose;
    }

    /** The client's declared identity and capabilities. */
    public ClientInfo client() {
        return info;
    }

    /** A mock server on loopback with the demo registry, configured by {@code config}, closed after this test. */
    public EnosMockServer server(UnaryOperator<EnosMockServer.Builder> config) {
        EnosMockServer s = config.apply(EnosMockServer.builder()).start();
        servers.add(s);
        return s;
    }

    /** A mock server on loopback with the demo registry and both suites. */
    public EnosMockServer server() {
        return server(b -> b);
    }

    /** A server for a shared scenario: it lives as long as the run, so later purposes can read its journal. */
    EnosMockServer sharedServer() {
        EnosMockServer s = EnosMockServer.builder().start();
        scenarios.keep(s);
        watched.add(s);
        return s;
    }

    /** The result of the scenario {@code key}, run by the first purpose that needs it and reused by the others. */
    <S extends Scenario> S shared(String key, Supplier<S> run) {
        S s = scenarios.get(key, run);
        if (!watched.contains(s.server()) && !servers.contains(s.server())) {
            watched.add(s.server());
        }
        return s;
    }

    /** What to connect with. */
    ConnectionSpec spec(EnosMockServer s, DeviceId device, SecureMode mode, String secret, int lifetime,
            EnosCipherSuite... suites) {
        return new ConnectionSpec(s.coapsUri(), device.productKey(), device.deviceKey(), mode, secret, lifetime,
                Arrays.asList(suites));
    }

    /**
     * Runs a client operation within {@link #CALL_LIMIT}. What the client said is in the
     * outcome; an action it does not implement, or no answer in time, is settled for this purpose
     * at once ({@link #settle}).
     */
    <T> Outcome<T> call(Action action, String what, ClientCall<T> call) {
        return settle(action, raw(what, call));
    }

    /** Runs a client operation and returns the raw outcome, for a shared scenario that settles per purpose. */
    <T> Outcome<T> raw(String what, ClientCall<T> call) {
        Future<T> future = calls.submit(() -> call.run(adapter));
        try {
            return Outcome.returned(future.get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClientFailure failure) {
                return Outcome.failed(failure);
            }
            if (cause instanceof NotSupported ns) {
                return Outcome.notImplemented(what + ": " + ns.getMessage());
            }
            return Outcome.noAnswer(what + ": the adapter failed unexpectedly: " + cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Outcome.noAnswer(what + ": the client did not return within " + CALL_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.noAnswer(what + ": interrupted");
        }
    }

    /**
     * The outcome for this purpose. "Not implemented" is <em>not applicable</em> only for an action
     * of a capability the client does not declare; for a declared capability, or for a purpose that
     * needs no capability (the baseline every client must show), it is a failure. No answer within
     * the time limit is inconclusive.
     */
    <T> Outcome<T> settle(Action action, Outcome<T> outcome) {
        switch (outcome.kind()) {
            case NOT_IMPLEMENTED -> {
                boolean declared = client().can(action.capability());
                if (declared || purpose.capabilities().isEmpty()) {
                    throw new NotImplementedFailure(failMessage("the '" + action.word() + "' action implemented" + (declared ? " (the client declares "
                            + action.capability() + ")" : " (every EnOS client must connect and report data)"),
                            outcome.note() + (declared ? "; a declared capability cannot be not applicable: declare "
                                    + "only what the client can do" : "")));
                }
                throw new NotApplicable(client().name() + " does not declare " + action.capability() + " and does not "
                        + "implement '" + action.word() + "': " + outcome.note());
            }
            case NO_ANSWER -> throw inconclusive(outcome.note());
            default -> {
                return outcome.readBy(purpose);
            }
        }
    }

    /** Connects as {@code spec} says. */
    Outcome<Void> connect(ConnectionSpec spec) {
        return call(Action.CONNECT, "connect " + spec.describe(), a -> {
            a.connect(spec);
            return null;
        });
    }

    /** Activates as {@code spec} says; the outcome holds the secret the client reports. */
    Outcome<String> activate(ConnectionSpec spec) {
        return call(Action.ACTIVATE, "activate " + spec.describe(), a -> a.activate(spec));
    }

    /** Reports measure points once. */
    Outcome<PublishResult> report(ConnectionSpec spec, Map<String, Object> points) {
        return call(Action.REPORT, "report measure points " + points + " " + spec.describe(),
                a -> a.reportMeasurePoints(spec, points));
    }

    /** A note on how the purpose was judged, shown with its verdict in the report. */
    void note(String text) {
        notes.accept(purpose.id() + ": " + text);
    }

    /** The failure verdict: {@code purpose · clause · expected · observed}, then the journal. */
    public AssertionFailedError fail(String expected, String observed) {
        return new AssertionFailedError(failMessage(expected, observed));
    }

    private String failMessage(String expected, String observed) {
        return purpose.id() + " · " + purpose.clause() + " · expected: " + expected + " · observed: " + observed + "\n"
                + evidence();
    }

    /**
     * A failure of the shim contract only: the client answered "not implemented" for an action of a
     * capability it declares. What the purpose establishes may still hold on the wire, so it does
     * not stop the purposes that need it.
     */
    static final class NotImplementedFailure extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        NotImplementedFailure(String message) {
            super(message);
        }
    }

    /** Fails unless {@code ok}. */
    public void check(boolean ok, String expected, String observed) {
        if (!ok) {
            throw fail(expected, observed);
        }
    }

    /** Fails unless {@code ok}; the observation is built only when needed. */
    void check(boolean ok, String expected, Supplier<String> observed) {
        if (!ok) {
            throw fail(expected, observed.get());
        }
    }

    /** The inconclusive verdict, naming what stopped the judgement. */
    public Inconclusive inconclusive(String why) {
        return new Inconclusive(purpose.id() + ": " + why + "\n" + evidence());
    }

    /**
     * Inconclusive because {@code fact} does not hold: names the purpose that establishes it
     * (from the catalogue's {@code establishes}), so the reader fixes that one first.
     */
    Inconclusive because(Fact fact, String why) {
        Catalogue.Entry owner = Catalogue.load().ownerOf(fact);
        if (owner.id().equals(purpose.id())) {
            return inconclusive(why);
        }
        return Inconclusive.becauseOf(owner.id(), purpose.id() + ": needs " + owner.id() + " (" + owner.title()
                + "): " + why + "\n" + evidence());
    }

    /** Whether the purpose that establishes {@code fact} already failed or was inconclusive in this run. */
    boolean missing(Fact fact) {
        return ledger.verdict(Catalogue.load().ownerOf(fact).id()).filter(Ledger.Verdict::stops).isPresent();
    }

    /**
     * The accepted handshake as {@code spec}'s identity, or an inconclusive verdict naming the
     * purpose that owns what went wrong (suite, identity or key).
     */
    HandshakeEntry acceptedHandshake(EnosMockServer s, ConnectionSpec spec, Outcome<?> outcome) {
        String expected = spec.identity();
        List<HandshakeEntry> all = s.journal().handshakes();
        for (HandshakeEntry h : all) {
            if (h.accepted() && expected.equals(h.identityReceived())) {
                return h;
            }
        }
        boolean sm2 = spec.secureMode() == SecureMode.DEVICE_SECRET;
        if (all.isEmpty()) {
            throw inconclusive("no handshake reached the server; " + outcome.describe());
        }
        HandshakeEntry last = all.get(all.size() - 1);
        if (versionRefused(last)) {
            throw because(Fact.DTLS_VERSION, "the handshake failed on the protocol version: " + last.detail());
        }
        if (last.reason() == RefusalReason.NO_COMMON_CIPHER_SUITE) {
            throw because(Fact.CIPHER_SUITE, "no common cipher suite: " + last.detail());
        }
        if (last.identityReceived() != null && !expected.equals(last.identityReceived())) {
            throw because(sm2 ? Fact.SM2_IDENTITY : Fact.SM3_IDENTITY, "identity '" + last.identityReceived()
                    + "', expected '" + expected + "'");
        }
        if (last.reason() == RefusalReason.KEY_MISMATCH) {
            throw because(sm2 ? Fact.SM2_KEY : Fact.SM3_KEY, "key mismatch as '" + expected + "'");
        }
        throw inconclusive("the handshake as '" + expected + "' was refused: " + last.reason() + " " + last.detail()
                + "; " + outcome.describe());
    }

    /** Whether a handshake failed because the client spoke another DTLS version (the mock speaks 1.2 only). */
    static boolean versionRefused(HandshakeEntry h) {
        return h.reason() == RefusalReason.PROTOCOL_VERSION;
    }

    /** The last journal lines of every server, for evidence. */
    public String evidence() {
        StringBuilder sb = new StringBuilder();
        List<EnosMockServer> all = new ArrayList<>(watched);
        all.addAll(servers);
        for (EnosMockServer s : all) {
            // Only the tail is read: a shared server's journal holds up to its capacity.
            long last = s.journal().recorded();
            List<JournalEntry> tail = s.journal().entriesSince(Math.max(0, last - EVIDENCE_LINES));
            long earlier = last - s.journal().dropped() - tail.size();
            sb.append("journal of ").append(s.coapsUri()).append(":\n");
            if (earlier > 0) {
                sb.append("  (").append(earlier).append(" earlier entries not shown)\n");
            }
            for (JournalEntry e : tail) {
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
