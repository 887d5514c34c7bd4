package dev.enoscoap.junit;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.session.VirtualClock;

/**
 * A started server as a value in JUnit's store: JUnit closes it when the context that owns it
 * (test, class, or the whole run) ends. Equal only to itself, so it can tell servers apart in
 * store keys.
 */
final class RunningServer implements AutoCloseable {
    private final EnosMockServer server;

    RunningServer(EnosMockServer server) {
        this.server = server;
    }

    EnosMockServer server() {
        return server;
    }

    /** The server's virtual clock, or {@code null} when it runs on another clock. */
    VirtualClock clock() {
        return server.clock() instanceof VirtualClock virtual ? virtual : null;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "RunningServer[" + server.coapsUri() + "]";
    }
}
