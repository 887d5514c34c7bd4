package dev.enoscoap.junit;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import dev.enoscoap.mock.session.VirtualClock;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The options of one server, from the annotation or the builder: resolved once per test class and
 * kept in JUnit's store. An option is one component here; what servers may be shared
 * ({@link #sharingKey()}) follows from the components.
 *
 * @param scope {@code null} when the builder left it to the field: static = per class, instance = per test
 * @param configurers applied in order after the other options
 */
record Settings(
        String registry,
        List<EnosCipherSuite> cipherSuites,
        int port,
        Scope scope,
        boolean virtualClock,
        boolean resetJournal,
        int maxConnections,
        List<Configurer> configurers) {

    static final Settings DEFAULTS = new Settings(EnosCoapServer.DEMO_REGISTRY,
            List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256), 0, Scope.PER_CLASS, false, true,
            EnosMockServer.DEFAULT_MAX_CONNECTIONS, List.of());

    Settings {
        cipherSuites = List.copyOf(cipherSuites);
        configurers = List.copyOf(configurers);
    }

    /**
     * The options of an annotation.
     *
     * @param where names the annotation in messages, e.g. {@code @EnosCoapServer on MyTest}
     * @throws ExtensionConfigurationException naming the option, its value and the rule it breaks
     */
    static Settings of(EnosCoapServer annotation, String where) {
        List<Configurer> configurers = Arrays.stream(annotation.configurer())
                .map(type -> Configurer.instantiate(type, where)).toList();
        return new Settings(annotation.registry(), List.of(annotation.cipherSuites()), annotation.port(),
                annotation.scope(), annotation.virtualClock(), annotation.resetJournal(), annotation.maxConnections(),
                configurers).validated(where);
    }

    /**
     * These settings, checked.
     *
     * @throws ExtensionConfigurationException naming the option, its value and the rule it breaks
     */
    Settings validated(String where) {
        if (cipherSuites.isEmpty()) {
            throw new ExtensionConfigurationException(where + ": cipherSuites is empty; a server needs at least one "
                    + "cipher suite (EC-2): CCM_8, CBC_SHA256 or both");
        }
        if (port < 0 || port > 65_535) {
            throw new ExtensionConfigurationException(where + ": port " + port + " is outside 0..65535; 0 (the "
                    + "default) takes a free port");
        }
        if (maxConnections < 1) {
            throw new ExtensionConfigurationException(where + ": maxConnections must be at least 1, was "
                    + maxConnections + "; it bounds the DTLS connections the server holds at once (default 20,000)");
        }
        if (registry == null || registry.isBlank()) {
            throw new ExtensionConfigurationException(where + ": registry \"" + (registry == null ? "" : registry)
                    + "\" names nothing; give classpath:NAME or a file path");
        }
        return this;
    }

    /** What makes two servers interchangeable: classes with equal keys share a {@link Scope#SHARED} server. */
    Settings sharingKey() {
        return new Settings(registry, cipherSuites, port, Scope.SHARED, virtualClock, true, maxConnections,
                configurers);
    }

    /**
     * Starts a server with these options on 127.0.0.1.
     *
     * @param registries where registry files are read once per run
     * @param where names the annotation or builder in messages
     * @throws ExtensionConfigurationException if the registry cannot be read, a configurer fails or
     *         the port cannot be bound
     */
    RunningServer start(RegistryCache registries, String where) {
        Registry devices;
        try {
            devices = registries.load(registry);
        } catch (RegistryException e) {
            throw new ExtensionConfigurationException(where + ": registry \"" + registry + "\": " + e.getMessage(), e);
        }
        EnosMockServer.Builder builder = EnosMockServer.builder()
                .registry(devices)
                .bindAddress("127.0.0.1")
                .port(port)
                .cipherSuites(cipherSuites)
                .maxConnections(maxConnections);
        if (virtualClock) {
            builder.clock(new VirtualClock());
        }
        for (Configurer configurer : configurers) {
            try {
                configurer.configurer().configure(builder);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(where + ": configurer " + configurer.name() + " failed: "
                        + e.getMessage(), e);
            }
        }
        try {
            return new RunningServer(builder.start());
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException(where + ": the server did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A configurer and what tells it from another: its class when an annotation named it, the
     * instance when the builder was given it. Equal by that alone.
     */
    record Configurer(Object identity, EnosServerConfigurer configurer) {

        static Configurer of(EnosServerConfigurer instance) {
            if (instance == null) {
                throw new ExtensionConfigurationException("EnosCoapServerExtension.builder(): configure(null); "
                        + "give an EnosServerConfigurer, e.g. b -> b.autoRegister(true)");
            }
            return new Configurer(instance, instance);
        }

        static Configurer instantiate(Class<? extends EnosServerConfigurer> type, String where) {
            String rule = "; a configurer is a public class with a public constructor without arguments";
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw new ExtensionConfigurationException(where + ": configurer " + type.getName()
                        + " is abstract" + rule);
            }
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new ExtensionConfigurationException(where + ": configurer " + type.getName()
                        + " is an inner class that needs an enclosing instance; make it static" + rule);
            }
            try {
                type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new ExtensionConfigurationException(where + ": configurer " + type.getName()
                        + " has no constructor without arguments" + rule, e);
            }
            try {
                return new Configurer(type, ReflectionSupport.newInstance(type));
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(where + ": configurer " + type.getName()
                        + " could not be created: " + e + rule, e);
            }
        }

        String name() {
            return identity instanceof Class<?> type ? type.getName() : configurer.getClass().getName();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Configurer c && c.identity.equals(identity);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
