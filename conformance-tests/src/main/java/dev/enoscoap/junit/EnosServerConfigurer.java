package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.EnosMockServer;
import org.apiguardian.api.API;

/**
 * Sets options of the mock server that {@link EnosCoapServer @EnosCoapServer} and
 * {@link EnosCoapServerExtension.Builder} do not name: auto-registration, the payload limit, the
 * journal's capacity, forwarding to business servers, and whatever {@link EnosMockServer.Builder}
 * offers.
 *
 * <pre>{@code
 * public class LenientServer implements EnosServerConfigurer {
 *     @Override
 *     public void configure(EnosMockServer.Builder server) {
 *         server.autoRegister(true).maxPayloadBytes(1024);
 *     }
 * }
 *
 * @EnosCoapServer(configurer = LenientServer.class)
 * class MyTest { ... }
 * }</pre>
 *
 * <p>With the builder it is a lambda:
 * {@code EnosCoapServerExtension.builder().configure(b -> b.autoRegister(true)).build()}.
 *
 * <p>It runs after the extension has applied its own options (registry, cipher suites, port on
 * 127.0.0.1, virtual clock), so what it sets wins. A class named in the annotation needs a public
 * constructor without arguments. Servers with different configurers are never shared.
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1")
public interface EnosServerConfigurer {

    /** Sets options on the builder of a server about to start. */
    void configure(EnosMockServer.Builder server);
}
