package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.junit.Settings.Configurer;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.session.VirtualClock;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit Jupiter extension behind {@link EnosCoapServer @EnosCoapServer}, also usable with
 * {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static EnosCoapServerExtension enos = EnosCoapServerExtension.builder()
 *         .registry("classpath:my-devices.json")
 *         .virtualClock(true)
 *         .configure(server -> server.autoRegister(true).maxPayloadBytes(1024))
 *         .build();
 * }</pre>
 *
 * <p>In a static field it runs one server per test class, in an instance field one per test,
 * unless {@link Builder#scope(Scope)} says otherwise.
 *
 * <p>The extension holds no state of its own. A test class's options are resolved once, when the
 * class starts, and kept with its server in JUnit's {@link Store}, in a namespace of the context
 * they belong to; JUnit closes each server when the test, the class or the run that owns it ends.
 * When a test fails, what each of its servers saw while it ran is published as the report entry
 * {@code enos-journal} and attached to the failure as a suppressed exception (the last 100
 * entries at most).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EnosCoapServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestInstantiationAwareExtension {

    private static final Namespace NAMESPACE = Namespace.create(EnosCoapServerExtension.class);
    private static final String BUILDER = "EnosCoapServerExtension.builder()";

    /** The builder's options, or {@code null} when the annotation registered the extension. */
    private final Settings configured;

    /**
     * What a test class runs with: its options, resolved once, and its server unless each test
     * has its own. A {@code @Nested} class without options of its own holds its enclosing class's.
     *
     * @param where names the annotation or builder in messages
     * @param scope the scope in effect
     * @param server the class's (or the run's shared) server, {@code null} for {@link Scope#PER_TEST}
     */
    private record ClassState(Settings settings, String where, Scope scope, RunningServer server) {
    }

    /** The store key of a {@link Scope#SHARED} server: servers are shared by equal options. */
    private record SharedServer(Settings options) {
    }

    /** The store key of a fresh device: same server, label and options within one context, same device. */
    private record FreshKey(RunningServer server, String label, String product, boolean withSecret) {
    }

    /** A server as one context sees it: the server and the options it is used with there. */
    private record Attached(RunningServer server, Settings settings) {
    }

    /** Where a test's view of each server's journal starts: the sequence number reached when the test first used it. */
    private static final class Marks {
        private final Map<RunningServer, Long> starts = new LinkedHashMap<>();

        synchronized long startOf(RunningServer server) {
            return starts.computeIfAbsent(server, s -> s.server().journal().recorded());
        }

        synchronized Map<RunningServer, Long> all() {
            return new LinkedHashMap<>(starts);
        }
    }

    /** The extension as {@link EnosCoapServer @EnosCoapServer} registers it: options from the annotation. */
    public EnosCoapServerExtension() {
        this(null);
    }

    private EnosCoapServerExtension(Settings configured) {
        this.configured = configured;
    }

    /** A builder for {@code @RegisterExtension} with the options of {@link EnosCoapServer}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // Constructor parameters of per-method test instances belong to the test, like @BeforeEach ones.
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classState(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        marks(context).startOf(serverFor(context).server());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Marks marks = own(context).get(Marks.class, Marks.class);
        Optional<Throwable> failure = context.getExecutionException();
        if (marks == null || failure.isEmpty() || failure.get() instanceof TestAbortedException) {
            return;
        }
        FailureJournal.publish(context, failure.get(), marks.all());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EnosTestServer.class || type == EnosMockServer.class || type == VirtualClock.class
                || type == DeviceCredentials.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Parameter parameter = parameterContext.getParameter();
        Class<?> type = parameter.getType();
        if (type == DeviceCredentials.class && !parameterContext.isAnnotated(Device.class)
                && !parameterContext.isAnnotated(FreshDevice.class)) {
            throw new ParameterResolutionException(describe(parameter) + " is DeviceCredentials without "
                    + "@Device(\"productKey/deviceKey\") or @FreshDevice: say which device it is");
        }
        Attached attached;
        try {
            attached = serverFor(ownerOf(parameter, context));
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("cannot inject " + describe(parameter) + ": " + e.getMessage(), e);
        }
        RunningServer running = attached.server();
        if (type == EnosTestServer.class) {
            boolean inTest = context.getTestMethod().isPresent();
            long start = inTest ? marks(context).startOf(running) : 0;
            boolean sinceTestStart = inTest && attached.settings().resetJournal();
            return new EnosTestServer(running, sinceTestStart ? start : 0, sinceTestStart);
        }
        if (type == EnosMockServer.class) {
            return running.server();
        }
        if (type == VirtualClock.class) {
            if (running.clock() == null) {
                throw new ParameterResolutionException(describe(parameter) + " wants a VirtualClock, but the server "
                        + "runs on the system clock; enable virtual time with @EnosCoapServer(virtualClock = true) or "
                        + "EnosCoapServerExtension.builder().virtualClock(true)");
            }
            return running.clock();
        }
        Optional<Device> device = parameterContext.findAnnotation(Device.class);
        if (device.isPresent()) {
            try {
                return Devices.lookUp(running.server().registry(), device.get().value());
            } catch (IllegalArgumentException e) {
                throw new ParameterResolutionException("@Device(\"" + device.get().value() + "\") ("
                        + describe(parameter) + "): " + e.getMessage(), e);
            }
        }
        FreshDevice fresh = parameterContext.findAnnotation(FreshDevice.class).orElseThrow();
        try {
            return own(context).getOrComputeIfAbsent(
                    new FreshKey(running, fresh.value(), fresh.product(), fresh.withSecret()),
                    k -> FreshDevices.register(running.server().registry(), fresh.product(), fresh.withSecret()),
                    DeviceCredentials.class);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(describe(parameter) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The state of a class-level context, resolved once and kept in its store: the class's own
     * options and server, or, for a {@code @Nested} class without options of its own, its
     * enclosing class's.
     */
    private ClassState classState(ExtensionContext classContext) {
        return own(classContext).getOrComputeIfAbsent(ClassState.class, k -> newClassState(classContext),
                ClassState.class);
    }

    private ClassState newClassState(ExtensionContext classContext) {
        Optional<ExtensionContext> enclosing = classContext.getParent()
                .filter(parent -> parent.getTestClass().isPresent());
        Settings settings;
        String where;
        if (configured != null) {
            if (enclosing.isPresent()) {
                return classState(enclosing.get()); // a @Nested class uses the server of its enclosing class
            }
            settings = configured;
            where = BUILDER;
        } else {
            Class<?> testClass = classContext.getRequiredTestClass();
            Optional<EnosCoapServer> annotation = AnnotationSupport.findAnnotation(testClass, EnosCoapServer.class);
            if (annotation.isEmpty() && enclosing.isPresent()) {
                return classState(enclosing.get()); // a @Nested class without the annotation: its enclosing class's server
            }
            where = "@EnosCoapServer on " + testClass.getName();
            settings = annotation.map(a -> Settings.of(a, where)).orElse(Settings.DEFAULTS);
        }
        Scope scope = settings.scope() == null ? Scope.PER_CLASS : settings.scope();
        RunningServer server = switch (scope) {
            case PER_TEST -> null;
            case PER_CLASS -> own(classContext).getOrComputeIfAbsent(RunningServer.class,
                    k -> settings.start(registries(classContext), where), RunningServer.class);
            case SHARED -> classContext.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                    new SharedServer(settings.sharingKey()), k -> settings.start(registries(classContext), where),
                    RunningServer.class);
        };
        return new ClassState(settings, where, scope, server);
    }

    /**
     * The server for {@code context}: its class's, or the test's own (started here) when there is
     * a server per test.
     *
     * @throws IllegalStateException if a class-level context asks for a server that exists per test only
     */
    private Attached serverFor(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            ClassState state = classState(context);
            if (state.server() == null) {
                throw new IllegalStateException("the server's scope is PER_TEST, so there is a server for each test "
                        + "only: none in @BeforeAll or in the constructor of a @TestInstance(PER_CLASS) class; take it "
                        + "in @BeforeEach or the test method, or use scope PER_CLASS or SHARED");
            }
            return new Attached(state.server(), state.settings());
        }
        ExtensionContext classContext = classContextOf(context);
        ClassState state = own(classContext).get(ClassState.class, ClassState.class);
        if (state == null) {
            // No class callback ran: an extension in an instance field, whose server is per test unless it says otherwise.
            state = configured != null && configured.scope() == null
                    ? new ClassState(configured, BUILDER, Scope.PER_TEST, null)
                    : classState(classContext);
        }
        if (state.server() != null) {
            return new Attached(state.server(), state.settings());
        }
        ClassState perTest = state;
        RunningServer own = own(context).getOrComputeIfAbsent(RunningServer.class,
                k -> perTest.settings().start(registries(context), perTest.where()), RunningServer.class);
        return new Attached(own, state.settings());
    }

    /**
     * The context whose server a parameter gets: for a constructor or method declared by an
     * enclosing class of a {@code @Nested} test, the enclosing class's context (unless that class
     * has a server per test), so the enclosing class always sees its own server.
     */
    private static ExtensionContext ownerOf(Parameter parameter, ExtensionContext context) {
        Class<?> declaring = parameter.getDeclaringExecutable().getDeclaringClass();
        if (context.getTestClass().map(declaring::equals).orElse(true)) {
            return context;
        }
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            if (c.getTestMethod().isEmpty() && c.getTestClass().map(declaring::equals).orElse(false)) {
                ClassState state = own(c).get(ClassState.class, ClassState.class);
                return state == null || state.server() == null ? context : c;
            }
        }
        return context;
    }

    /** The nearest class-level context of a test (a test template's invocations sit below the template). */
    private static ExtensionContext classContextOf(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The store of {@code context} alone: values in it are not seen from its children, nor its parent's from it. */
    private static Store own(ExtensionContext context) {
        return context.getStore(NAMESPACE.append(context.getUniqueId()));
    }

    private static Marks marks(ExtensionContext testContext) {
        return own(testContext).getOrComputeIfAbsent(Marks.class, k -> new Marks(), Marks.class);
    }

    private static RegistryCache registries(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RegistryCache.class,
                k -> new RegistryCache(), RegistryCache.class);
    }

    /** E.g. {@code parameter 'dev' of MyTest.reports(..)}, or by position when compiled without names. */
    static String describe(Parameter parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String name;
        if (parameter.isNamePresent()) {
            name = "'" + parameter.getName() + "'";
        } else {
            name = "#" + (Arrays.asList(executable.getParameters()).indexOf(parameter) + 1);
        }
        String owner = executable.getDeclaringClass().getName();
        owner = owner.substring(owner.lastIndexOf('.') + 1);
        String method = executable instanceof Constructor ? "constructor of " + owner
                : owner + "." + executable.getName() + "(..)";
        return "parameter " + name + " of " + method;
    }

    /**
     * Options for {@link EnosCoapServerExtension}, the same as {@link EnosCoapServer}'s and with
     * the same defaults, except the scope, which follows the field unless set.
     */
    public static final class Builder {
        private String registry = EnosCoapServer.DEMO_REGISTRY;
        private List<EnosCipherSuite> cipherSuites = Settings.DEFAULTS.cipherSuites();
        private int port;
        private Scope scope;
        private boolean virtualClock;
        private boolean resetJournal = true;
        private int maxConnections = EnosMockServer.DEFAULT_MAX_CONNECTIONS;
        private final List<Configurer> configurers = new ArrayList<>();

        private Builder() {
        }

        /** The registry: {@code classpath:NAME} or a file path; default the demo registry. */
        public Builder registry(String location) {
            this.registry = location;
            return this;
        }

        /** The cipher suites to enable, in order of preference; default both. */
        public Builder cipherSuites(EnosCipherSuite... suites) {
            this.cipherSuites = Arrays.asList(suites);
            return this;
        }

        /** The UDP port on 127.0.0.1; default 0, a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The scope; default per class in a static field, per test in an instance field. */
        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        /** Whether the server runs on a virtual clock; default off. */
        public Builder virtualClock(boolean on) {
            this.virtualClock = on;
            return this;
        }

        /** Whether each test sees only the journal entries since it started; default on. */
        public Builder resetJournal(boolean on) {
            this.resetJournal = on;
            return this;
        }

        /** Most DTLS connections the server holds at once; default 20,000. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /**
         * Sets further options on the server's builder, after the options above, e.g.
         * {@code configure(server -> server.autoRegister(true).maxPayloadBytes(1024))}. Several
         * calls apply in order. A server with a configurer is shared only by classes with the same
         * configurer instance.
         */
        public Builder configure(EnosServerConfigurer configurer) {
            this.configurers.add(Configurer.of(configurer));
            return this;
        }

        /**
         * The extension.
         *
         * @throws ExtensionConfigurationException naming the option, its value and the rule, if an
         *         option is out of range
         */
        public EnosCoapServerExtension build() {
            return new EnosCoapServerExtension(new Settings(registry, cipherSuites, port, scope, virtualClock,
                    resetJournal, maxConnections, configurers).validated(BUILDER));
        }
    }
}
