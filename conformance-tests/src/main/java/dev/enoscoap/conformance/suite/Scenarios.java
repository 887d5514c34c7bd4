package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.EnosMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Client actions that several purposes judge, run once per suite class and client (e.g. the
 * SecureMode 2 connect that ENOS-ID-01, ENOS-KEY-01 and ENOS-DTLS-03 all look at), so a broken
 * client's time-outs are paid once. Kept in JUnit's root store; their servers close with it.
 */
final class Scenarios implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Scenarios.class);

    private final Map<String, Object> done = new ConcurrentHashMap<>();
    private final List<EnosMockServer> servers = new ArrayList<>();

    static Scenarios of(ExtensionContext context) {
        String key = Scenarios.class.getName() + ":" + context.getRequiredTestClass().getName();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> new Scenarios(), Scenarios.class);
    }

    @SuppressWarnings("unchecked")
    synchronized <S> S get(String key, Supplier<S> run) {
        Object s = done.get(key);
        if (s == null) {
            s = run.get();
            done.put(key, s);
        }
        return (S) s;
    }

    synchronized void keep(EnosMockServer server) {
        servers.add(server);
    }

    @Override
    public synchronized void close() {
        servers.forEach(EnosMockServer::close);
        servers.clear();
    }
}
