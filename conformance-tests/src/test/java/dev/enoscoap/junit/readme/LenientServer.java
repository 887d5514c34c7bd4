package dev.enoscoap.junit.readme;

import dev.enoscoap.junit.EnosServerConfigurer;
import dev.enoscoap.mock.EnosMockServer;

/** The README's configurer: options of the server's builder that the annotation does not name. */
// tag::configurer[]
public class LenientServer implements EnosServerConfigurer {
    @Override
    public void configure(EnosMockServer.Builder server) {
        server.autoRegister(true)             // SecureMode 3 may add unknown device keys (EC-5)
                .maxPayloadBytes(1024)        // larger uplinks get reply code 1008
                .journalCapacity(50_000);     // entries kept before the oldest are dropped
    }
}
// end::configurer[]
