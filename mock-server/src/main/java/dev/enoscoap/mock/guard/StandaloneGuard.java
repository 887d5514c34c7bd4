package dev.enoscoap.mock.guard;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.registry.RegistryException;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Keeps the standalone mock from ever becoming a zombie: an {@link Error} in any thread (an
 * {@link OutOfMemoryError} above all), a dead DTLS receiver thread, or a server that stops
 * answering ClientHellos stops the process at once with a message and exit code
 * {@value #EXIT_FATAL}, so that a supervisor or container restarts it. A shutdown that hangs is cut
 * short the same way. Also reloads the registry on SIGHUP.
 *
 * <p>Only for a process that is the mock and nothing else (the standalone jar): it installs the
 * JVM's default uncaught exception handler and may halt the JVM. In a container, add
 * {@code -XX:+ExitOnOutOfMemoryError} as well.
 */
@API(status = INTERNAL, since = "0.1")
public final class StandaloneGuard implements AutoCloseable {
    /** The exit code after a fatal error or a dead server. */
    public static final int EXIT_FATAL = 3;

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);
    private static final int PROBE_MISSES = 6;
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(15);

    private static final byte[] FALLBACK_MESSAGE = ("fatal: an error the mock cannot recover from (out of memory?); "
            + "it stops so that it can be restarted\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final PrintStream err;
    private final Thread watchdog;
    /** Memory set aside at start and let go on a fatal error, so that the message can still be written. */
    @SuppressWarnings("unused")
    private volatile byte[] reserve = new byte[1 << 20];
    private volatile boolean closed;

    private StandaloneGuard(EnosMockServer server, PrintStream err) {
        this.err = err;
        this.watchdog = new Thread(() -> watch(server), "enos-mock-watchdog");
        watchdog.setDaemon(true);
    }

    /**
     * Installs the guard for {@code server}: the uncaught exception handler, the watchdog, the
     * SIGHUP handler and the shutdown time limit.
     *
     * @param err where the fatal message goes (standard error)
     * @param out where SIGHUP reloads are reported
     */
    public static StandaloneGuard install(EnosMockServer server, PrintStream out, PrintStream err) {
        StandaloneGuard guard = new StandaloneGuard(server, err);
        Thread.setDefaultUncaughtExceptionHandler(guard::uncaught);
        Runtime.getRuntime().addShutdownHook(new Thread(guard::limitShutdown, "enos-mock-shutdown-limit"));
        onHangup(() -> {
            try {
                out.println("SIGHUP: " + server.reloadRegistry());
            } catch (RegistryException e) {
                out.println("SIGHUP: registry not reloaded, the one in use is kept: " + e.getMessage());
            }
            out.flush();
        });
        guard.watchdog.start();
        return guard;
    }

    private void uncaught(Thread thread, Throwable error) {
        if (error instanceof Error) {
            try {
                reserve = null; // room for the message, even when the heap is full
                halt("fatal: " + error.getClass().getName() + " in thread " + thread.getName()
                        + "; the mock stops so that it can be restarted");
            } finally {
                try {
                    err.write(FALLBACK_MESSAGE);
                    err.flush();
                } catch (Throwable ignored) {
                    // nothing more to do
                }
                Runtime.getRuntime().halt(EXIT_FATAL);
            }
        }
        try {
            err.println("uncaught exception in thread " + thread.getName() + ": " + error);
            err.flush();
        } catch (Throwable ignored) {
            // nothing more to do
        }
    }

    /** Prints {@code message} if it still can, then halts with {@link #EXIT_FATAL}, running no shutdown hooks. */
    void halt(String message) {
        try {
            err.println(message);
            err.flush();
        } catch (Throwable ignored) {
            // out of memory even for the message: halt all the same
        }
        Runtime.getRuntime().halt(EXIT_FATAL);
    }

    private void limitShutdown() {
        closed = true;
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_LIMIT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            halt("fatal: the mock did not stop within " + SHUTDOWN_LIMIT.toSeconds() + " s of the signal; halted");
        }, "enos-mock-shutdown-timer");
        limit.setDaemon(true);
        limit.start();
    }

    private void watch(EnosMockServer server) {
        InetSocketAddress target = new InetSocketAddress(server.host(), server.port());
        byte[] hello = probeClientHello();
        int misses = 0;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress().equals(target.getAddress())
                ? InetAddress.getLoopbackAddress() : null)) {
            socket.setSoTimeout((int) PROBE_WAIT.toMillis());
            byte[] buffer = new byte[2048];
            while (!closed) {
                Thread.sleep(PROBE_INTERVAL.toMillis());
                if (closed) {
                    return;
                }
                if (!receiverAlive()) {
                    halt("fatal: the DTLS receiver threads of the mock are dead; the mock stops so that it can be restarted");
                }
                socket.send(new DatagramPacket(hello, hello.length, target));
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    misses = 0;
                } catch (SocketTimeoutException e) {
                    misses++;
                    if (misses >= PROBE_MISSES) {
                        halt("fatal: the mock answered no ClientHello for " + misses * (PROBE_INTERVAL.toSeconds()
                                + PROBE_WAIT.toSeconds()) + " s; it stops so that it can be restarted");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            err.println("watchdog stopped: " + e);
        }
    }

    private static boolean receiverAlive() {
        Thread[] threads = new Thread[Thread.activeCount() * 2 + 16];
        int n = Thread.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith("DTLS-Receiver-") && threads[i].isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** A DTLS 1.2 ClientHello without a cookie: any live server answers it with a HelloVerifyRequest. */
    static byte[] probeClientHello() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        int bodyLength = 2 + 32 + 1 + 1 + 2 + 4 + 2;
        byte[] m = new byte[13 + 12 + bodyLength];
        int p = 0;
        m[p++] = 22;                       // handshake
        m[p++] = (byte) 0xfe;
        m[p++] = (byte) 0xfd;              // DTLS 1.2
        p += 8;                            // epoch 0, sequence 0
        m[p++] = (byte) ((12 + bodyLength) >> 8);
        m[p++] = (byte) (12 + bodyLength);
        m[p++] = 1;                        // client_hello
        p = put24(m, p, bodyLength);
        p += 2;                            // message_seq 0
        p = put24(m, p, 0);                // fragment_offset
        p = put24(m, p, bodyLength);       // fragment_length
        m[p++] = (byte) 0xfe;
        m[p++] = (byte) 0xfd;
        System.arraycopy(random, 0, m, p, 32);
        p += 32;
        m[p++] = 0;                        // session id
        m[p++] = 0;                        // cookie
        m[p++] = 0;
        m[p++] = 4;                        // two suites
        m[p++] = (byte) 0xc0;
        m[p++] = (byte) 0xa8;              // TLS_PSK_WITH_AES_128_CCM_8
        m[p++] = 0x00;
        m[p++] = (byte) 0xae;              // TLS_PSK_WITH_AES_128_CBC_SHA256
        m[p++] = 1;
        m[p] = 0;                          // null compression
        return m;
    }

    private static int put24(byte[] m, int p, int v) {
        m[p] = (byte) (v >> 16);
        m[p + 1] = (byte) (v >> 8);
        m[p + 2] = (byte) v;
        return p + 3;
    }

    /** Runs {@code action} on SIGHUP, where the JVM offers {@code sun.misc.Signal}; else does nothing. */
    private static void onHangup(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler invocation = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                }
                return null;
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    invocation);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // No SIGHUP on this JVM or system: reload through the file watch or the Java method.
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
    }
}
