package dev.enoscoap.mock.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM ({@code docker stop}, {@code kill}) into a request to stop,
 * so that the program closes the server itself and exits 0, rather than the JVM's 130 and 143.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}) by reflection, so that the build
 * carries no warning about it; where it is missing, the JVM's own handling (and its exit codes)
 * stays. A signal the JVM was started with ignored (a background job of a non-interactive shell
 * ignores SIGINT) stays ignored.
 */
final class StopSignals {
    private StopSignals() {
    }

    /**
     * Calls {@code stop} on SIGINT and SIGTERM.
     *
     * @return whether the handlers are installed
     */
    static boolean onStop(Runnable stop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    stop.run();
                    yield null;
                }
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "enos-mock stop on signal";
            };
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType}, calls);
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : List.of("INT", "TERM")) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
