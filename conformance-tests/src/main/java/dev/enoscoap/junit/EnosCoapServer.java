package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a mock EnOS CoAP/DTLS server for the annotated test class and injects it, and devices
 * from its registry, into constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @EnosCoapServer(registry = "classpath:my-devices.json")
 * class MySdkTest {
 *     @Test
 *     void connects(EnosTestServer server, @Device("myProduct/dev01") DeviceCredentials dev) { ... }
 * }
 * }</pre>
 *
 * <p>Options the annotation does not name are set with {@link #configurer()}.
 *
 * <p>Injectable parameters: {@link EnosTestServer} (the handle a test talks to), the underlying
 * {@link dev.enoscoap.mock.EnosMockServer}, its {@link dev.enoscoap.mock.session.VirtualClock}
 * (with {@link #virtualClock()}), and {@link DeviceCredentials} marked {@link Device @Device} or
 * {@link FreshDevice @FreshDevice}.
 *
 * <p>The annotation is inherited by subclasses; {@code @Nested} classes use the server of their
 * enclosing class unless they carry the annotation themselves. The same options are available
 * for {@code @RegisterExtension} through {@link EnosCoapServerExtension#builder()}. When a test
 * fails, what the server saw while it ran is attached to the failure and published as a report
 * entry. Needs JUnit Jupiter 5.13 or later (servers are closed as {@link AutoCloseable} store
 * values).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EnosCoapServerExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface EnosCoapServer {

    /** The default registry: the demo registry shipped in the fixtures jar. */
    String DEMO_REGISTRY = "classpath:" + Registry.DEMO_RESOURCE;

    /**
     * The registry of products and devices: {@code classpath:NAME} or a file path. Default: the
     * demo registry ({@code demoProduct} with {@code dev01}..{@code dev04}, and {@code closedProduct}).
     */
    String registry() default DEMO_REGISTRY;

    /** The cipher suites the server enables, in order of preference; default both (EC-2). */
    EnosCipherSuite[] cipherSuites() default {EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256};

    /** The UDP port on 127.0.0.1; default 0, a free port, so test classes can run in parallel. */
    int port() default 0;

    /** How long a server lives and who shares it; default one server per test class. */
    Scope scope() default Scope.PER_CLASS;

    /**
     * Whether the server runs on a {@link dev.enoscoap.mock.session.VirtualClock} that only the
     * test moves; advancing it expires lifetimes at once. Default off: the system clock.
     */
    boolean virtualClock() default false;

    /**
     * Whether each test sees only the journal entries recorded since it started (default), or
     * everything the server saw. The server's journal is never cleared, so tests that run at the
     * same time on one server do not erase each other's entries.
     */
    boolean resetJournal() default true;

    /**
     * Most DTLS connections the server holds at once (default 20,000). A device that handshakes
     * again from the same address replaces its older connection, so only a test that opens many
     * connections from many addresses at once comes near it.
     */
    int maxConnections() default EnosMockServer.DEFAULT_MAX_CONNECTIONS;

    /**
     * Classes that set further options of the server, on {@link dev.enoscoap.mock.EnosMockServer.Builder}:
     * auto-registration, the payload limit, the journal's capacity, forwarding, and so on. Each is a
     * public class with a public constructor without arguments, created once per test class and
     * applied in order after the options above, so what it sets wins. Default none.
     *
     * <pre>{@code
     * @EnosCoapServer(configurer = LenientServer.class)
     * }</pre>
     */
    Class<? extends EnosServerConfigurer>[] configurer() default {};

    /** How long a server lives and who shares it. */
    enum Scope {
        /** A new server for every test method, closed after it. */
        PER_TEST,
        /** One server for the test class and its {@code @Nested} classes, closed after the class. */
        PER_CLASS,
        /**
         * One server for the whole test run, shared by every class with the same registry, cipher
         * suites, port, clock option, connection limit and configurers, and closed when the run ends. Use
         * {@link FreshDevice} so that tests on it never collide.
         */
        SHARED
    }
}
