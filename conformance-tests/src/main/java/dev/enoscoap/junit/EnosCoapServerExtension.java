package dev.enoscoap.junit;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.VirtualClock;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link EnosCoapServer @EnosCoapServer}, also usable with
 * {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static EnosCoapServerExtension enos = EnosCoapServerExtension.builder()
 *         .registry("classpath:my-devices.json")
 *         .virtualClock(true)
 *         .build();
 * }</pre>
 *
 * <p>In a static field it runs one server per test class, in an instance field one per test,
 * unless {@link Builder#scope(Scope)} says otherwise. The extension holds no state of its own:
 * servers, fresh devices and journal marks live in JUnit's {@link Store}, which closes each server
 * when the test, the class or the run that owns it ends.
 */
public final class EnosCoapServerExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestInstantiationAwareExtension {

    private static final Namespace NAMESPACE = Namespace.create(EnosCoapServerExtension.class);
    /** The server a class and its nested classes use; a {@link Slot}, so the class store never closes a shared one. */
    private static final String CLASS_SLOT = "class-server";

    private final Settings configured;

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

    /** Points at a server without owning it. */
    private record Slot(RunningServer running) {
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // Constructor parameters of per-method test instances belong to the test, like @BeforeEach ones.
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Settings settings = settings(context);
        Scope scope = settings.scope() == null ? Scope.PER_CLASS : settings.scope();
        if (scope == Scope.PER_TEST) {
            return;
        }
        boolean declaredHere = configured == null
                && AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EnosCoapServer.class).isPresent();
        if (!declaredHere && classSlot(context).isPresent()) {
            return; // a @Nested class without its own annotation uses the server of its enclosing class
        }
        attach(context, settings, scope);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunningServer running = serverFor(context);
        mark(context, running);
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
            throw new ParameterResolutionException(describe(parameter) + " is DeviceCredentials without @Device(\"productKey/deviceKey\")"
                    + " or @FreshDevice: say which device it is");
        }
        RunningServer running;
        try {
            running = serverFor(ownerOf(parameter, context));
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("cannot inject " + describe(parameter) + ": " + e.getMessage(), e);
        }
        if (type == EnosTestServer.class) {
            return new EnosTestServer(running, mark(context, running),
                    settings(context).resetJournal() && context.getTestMethod().isPresent());
        }
        if (type == EnosMockServer.class) {
            return running.server();
        }
        if (type == VirtualClock.class) {
            if (running.clock() == null) {
                throw new ParameterResolutionException(describe(parameter) + " wants a VirtualClock, but the server runs on the "
                        + "system clock; enable virtual time with @EnosCoapServer(virtualClock = true) or "
                        + "EnosCoapServerExtension.builder().virtualClock(true)");
            }
            return running.clock();
        }
        Optional<Device> device = parameterContext.findAnnotation(Device.class);
        if (device.isPresent()) {
            return lookUp(running.server().registry(), device.get().value(), parameter);
        }
        FreshDevice fresh = parameterContext.findAnnotation(FreshDevice.class).orElseThrow();
        // Same label and same options within one test: same device.
        String key = "fresh:" + context.getUniqueId() + ":" + System.identityHashCode(running) + ":" + fresh.value()
                + ":" + fresh.product() + ":" + fresh.withSecret();
        try {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(key,
                    k -> FreshDevices.register(running.server().registry(), fresh.product(), fresh.withSecret()),
                    DeviceCredentials.class);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(describe(parameter) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context whose server a parameter gets: for a constructor or method declared by an
     * enclosing class of a {@code @Nested} test, the enclosing class's context (unless that class
     * has a server per test), so the enclosing class always sees its own server.
     */
    private ExtensionContext ownerOf(Parameter parameter, ExtensionContext context) {
        Class<?> declaring = parameter.getDeclaringExecutable().getDeclaringClass();
        if (context.getTestClass().map(declaring::equals).orElse(true)) {
            return context;
        }
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            if (c.getTestMethod().isEmpty() && c.getTestClass().map(declaring::equals).orElse(false)) {
                Settings settings = settings(c);
                return settings.scope() == Scope.PER_TEST || settings.scope() == null && classSlot(c).isEmpty()
                        ? context : c;
            }
        }
        return context;
    }

    /** The server for {@code context}, starting it if its scope calls for one and it is not running yet. */
    private RunningServer serverFor(ExtensionContext context) {
        Settings settings = settings(context);
        boolean inTest = context.getTestMethod().isPresent();
        Optional<Slot> slot = classSlot(context);
        Scope scope = settings.scope() != null ? settings.scope() : inTest && slot.isEmpty() ? Scope.PER_TEST : Scope.PER_CLASS;
        if (scope == Scope.PER_TEST) {
            if (!inTest) {
                throw new IllegalStateException("the server's scope is PER_TEST, so there is a server for each test "
                        + "only: none in @BeforeAll or in the constructor of a @TestInstance(PER_CLASS) class; take it in "
                        + "@BeforeEach or the test method, or use scope PER_CLASS or SHARED");
            }
            return context.getStore(NAMESPACE).getOrComputeIfAbsent("test-server:" + context.getUniqueId(),
                    k -> settings.start(), RunningServer.class);
        }
        if (slot.isPresent()) {
            return slot.get().running();
        }
        return attach(classContext(context), settings, scope);
    }

    private static RunningServer attach(ExtensionContext classContext, Settings settings, Scope scope) {
        Store store = classContext.getStore(NAMESPACE);
        RunningServer running = scope == Scope.SHARED
                ? classContext.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("shared:" + settings.serverKey(),
                        k -> settings.start(), RunningServer.class)
                : store.getOrComputeIfAbsent("class-server:" + classContext.getUniqueId(), k -> settings.start(),
                        RunningServer.class);
        store.put(CLASS_SLOT, new Slot(running));
        return running;
    }

    private static Optional<Slot> classSlot(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(CLASS_SLOT, Slot.class));
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /**
     * Where the test's view of the journal starts: the sequence number reached when the test began,
     * or 0 for a class-level context or when journal reset is off.
     */
    private long mark(ExtensionContext context, RunningServer running) {
        if (!settings(context).resetJournal() || context.getTestMethod().isEmpty()) {
            return 0;
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(
                "mark:" + context.getUniqueId() + ":" + System.identityHashCode(running),
                k -> running.server().journal().recorded(), Long.class);
    }

    private Settings settings(ExtensionContext context) {
        if (configured != null) {
            return configured;
        }
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            Optional<EnosCoapServer> annotation = c.getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, EnosCoapServer.class));
            if (annotation.isPresent()) {
                return Settings.of(annotation.get());
            }
        }
        return Settings.DEFAULTS;
    }

    static DeviceCredentials lookUp(Registry registry, String name, Parameter parameter) {
        String where = parameter == null ? "" : " (" + describe(parameter) + ")";
        DeviceId id;
        try {
            id = DeviceId.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("@Device(\"" + name + "\")" + where + ": " + e.getMessage(), e);
        }
        Optional<Product> product = registry.product(id.productKey());
        if (product.isEmpty()) {
            throw new ParameterResolutionException("@Device(\"" + name + "\")" + where + ": product '" + id.productKey()
                    + "' is not in registry " + registry.source() + "; its products are "
                    + registry.products().stream().map(Product::productKey).collect(Collectors.joining(", ")));
        }
        return registry.device(id)
                .map(d -> new DeviceCredentials(id.productKey(), id.deviceKey(), d.deviceSecret(),
                        product.get().productSecret()))
                .orElseThrow(() -> new ParameterResolutionException("@Device(\"" + name + "\")" + where
                        + ": device '" + id.deviceKey() + "' of product '" + id.productKey() + "' is not in registry "
                        + registry.source() + "; the product's devices are " + registry.devices().stream()
                                .filter(d -> d.id().productKey().equals(id.productKey()))
                                .map(d -> d.id().deviceKey()).collect(Collectors.joining(", "))));
    }

    /** E.g. {@code parameter 'dev' of MyTest.reports(..)}, or by position when compiled without names. */
    static String describe(Parameter parameter) {
        java.lang.reflect.Executable executable = parameter.getDeclaringExecutable();
        String name;
        if (parameter.isNamePresent()) {
            name = "'" + parameter.getName() + "'";
        } else {
            name = "#" + (Arrays.asList(executable.getParameters()).indexOf(parameter) + 1);
        }
        String owner = executable.getDeclaringClass().getName();
        owner = owner.substring(owner.lastIndexOf('.') + 1);
        String method = executable instanceof java.lang.reflect.Constructor ? "constructor of " + owner
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
         * The extension.
         *
         * @throws IllegalArgumentException if an option is out of range
         */
        public EnosCoapServerExtension build() {
            return new EnosCoapServerExtension(new Settings(registry, cipherSuites, port, scope, virtualClock,
                    resetJournal, maxConnections));
        }
    }
}
