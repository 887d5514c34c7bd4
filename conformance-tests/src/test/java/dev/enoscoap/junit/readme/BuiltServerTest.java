package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServerExtension;
import dev.enoscoap.junit.EnosTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's configurer as a lambda in the builder. */
class BuiltServerTest {

    // tag::builder[]
    @RegisterExtension
    static EnosCoapServerExtension enos = EnosCoapServerExtension.builder()
            .registry("classpath:enos-fixtures/registry/demo.json")
            .configure(server -> server.autoRegister(true).maxPayloadBytes(1024).journalCapacity(200))
            .build();
    // end::builder[]

    @Test
    void aLambdaSetsTheServersOptions(EnosTestServer server) {
        assertThat(server.mockServer().journal().capacity()).isEqualTo(200);
    }
}
