package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import org.junit.jupiter.api.Test;

/** The README's configurer, named in the annotation. */
// tag::annotation[]
@EnosCoapServer(configurer = LenientServer.class)
// end::annotation[]
class LenientServerTest {

    @Test
    void theConfigurerSetTheServersOptions(EnosTestServer server) {
        assertThat(server.mockServer().journal().capacity()).isEqualTo(50_000);
    }
}
