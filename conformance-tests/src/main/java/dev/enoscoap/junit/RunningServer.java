package dev.enoscoap.junit;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.session.VirtualClock;

/**
 * A started server as a value in JUnit's store: JUnit closes it when the context that owns it
 * (test, class, or the whole run) ends.
 *
 * @param clock the virtual clock, or {@code null} when the server runs on the system clock
 */
record RunningServer(EnosMockServer server, VirtualClock clock, Settings settings) implements AutoCloseable {

    @Override
    public void close() {
        server.close();
    }
}
