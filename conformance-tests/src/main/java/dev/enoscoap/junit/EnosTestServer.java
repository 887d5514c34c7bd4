package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.observe.ObservationSession;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.VirtualClock;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The mock server as a test sees it: where to connect, the registry, the journal since the test
 * started, the clock, scripted faults, and a bounded wait for what the device does. Injected by
 * {@link EnosCoapServer @EnosCoapServer} into constructors, lifecycle methods and tests.
 *
 * <pre>{@code
 * @Test
 * void reports(EnosTestServer server, @FreshDevice DeviceCredentials dev) {
 *     mySdk.connect(server.coapsUri(), dev.productKey(), dev.deviceKey(), dev.deviceSecret());
 *     server.await().untilOnline(dev);
 *     assertThat(server.journal()).hasAcceptedHandshake(dev);
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EnosTestServer {
    private final RunningServer running;
    private final JournalView journal;

    /**
     * @param viewStartsAfter the journal sequence number the test's view starts after
     * @param sinceTestStart whether the journal view is the test's, or the whole journal
     */
    EnosTestServer(RunningServer running, long viewStartsAfter, boolean sinceTestStart) {
        this.running = running;
        this.journal = new JournalView(running.server().journal(), viewStartsAfter, sinceTestStart);
    }

    /** {@code coaps://127.0.0.1:PORT}. */
    public URI coapsUri() {
        return running.server().coapsUri();
    }

    /** The host to connect to, {@code 127.0.0.1}. */
    public String host() {
        return running.server().host();
    }

    /** The UDP port the server listens on. */
    public int port() {
        return running.server().port();
    }

    /** The cipher suites the server enables, in order of preference. */
    public List<EnosCipherSuite> cipherSuites() {
        return running.server().cipherSuites();
    }

    /** The products and devices; changes at run time (activation, fresh devices) show here. */
    public Registry registry() {
        return running.server().registry();
    }

    /**
     * What the server saw: since this test started when journal reset is on (the default) and
     * the handle was injected into a test or {@code @BeforeEach}; everything otherwise.
     */
    public JournalView journal() {
        return journal;
    }

    /** Waits, bounded, for something to appear in {@link #journal()}. */
    public JournalAwait await() {
        return new JournalAwait(journal, running.server().presence(), JournalAwait.DEFAULT_TIMEOUT);
    }

    /** The server's clock: a {@link VirtualClock} when virtual time is on, else the system clock. */
    public Clock clock() {
        return running.server().clock();
    }

    /**
     * The virtual clock; advancing it expires lifetimes at once.
     *
     * @throws IllegalStateException if the server runs on the system clock
     */
    public VirtualClock virtualClock() {
        if (running.clock() == null) {
            throw new IllegalStateException("the server runs on the system clock; enable virtual time with "
                    + "@EnosCoapServer(virtualClock = true) or EnosCoapServerExtension.builder().virtualClock(true)");
        }
        return running.clock();
    }

    /**
     * The credentials of a device in the registry, as {@link Device @Device} injects them.
     *
     * @param name {@code productKey/deviceKey}
     * @throws IllegalArgumentException naming the registry and what it has if the device is not there
     */
    public DeviceCredentials device(String name) {
        try {
            return Devices.lookUp(registry(), name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device(\"" + name + "\"): " + e.getMessage(), e);
        }
    }

    /**
     * The device's credentials as the registry has them now: after activation with the secret the
     * server gave it (EC-9), so that it can reconnect in SecureMode 2 (EC-10).
     *
     * @throws IllegalArgumentException if the registry does not have the device
     */
    public DeviceCredentials device(DeviceCredentials device) {
        return Devices.lookUp(registry(), device.id());
    }

    /** Registers a new device with a random secret in the registry's first product, as {@link FreshDevice} does. */
    public DeviceCredentials freshDevice() {
        return FreshDevices.register(registry(), "", true);
    }

    /**
     * Scripted faults for the devices of this test: scripted responses, dropped requests, refused
     * handshakes, forgotten sessions. Faults apply to the whole server, so give a parallel test its
     * own device.
     */
    public TestFaults faults() {
        return new TestFaults(running.server().faults());
    }

    /**
     * An observation session on this server, for a device that runs on its own (hardware in the
     * loop, or a device program): name the device, start, wait for the verdicts.
     *
     * <pre>{@code
     * try (ObservationSession session = server.observe().device("demoProduct/dev01").start()) {
     *     rig.powerOn(server.host(), server.port());
     *     assertThat(session.awaitVerdicts(Duration.ofMinutes(15)).gatePassed()).isTrue();
     * }
     * }</pre>
     */
    public ObservationSession.Builder observe() {
        return ObservationSession.builder().server(running.server());
    }

    /** The underlying server, for what this handle does not show (presence, device data, commands, ...). */
    public EnosMockServer mockServer() {
        return running.server();
    }

    @Override
    public String toString() {
        return "EnosTestServer[" + coapsUri() + ", " + registry().source() + (running.clock() != null
                ? ", virtual clock" : "") + ", journal from #" + (journal.startsAfter() + 1) + "]";
    }
}
