package dev.enoscoap.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.EnosMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection limit option, from the annotation and from the builder. */
class MaxConnectionsTest {

    @Test
    void theAnnotationAndTheBuilderSetTheLimitAndTheDefaultIs20000() {
        List<Map<String, String>> seen = Runs.reports(Runs.run(Annotated.class, Built.class, Default.class));
        assertThat(seen).extracting(m -> m.get("max")).containsExactly("7", "9", "20000");
    }

    @Test
    void aLimitBelowOneIsRefusedWithTheOptionNamed() {
        assertThat(Runs.failureMessages(Runs.run(Zero.class))).singleElement().asString()
                .contains("maxConnections must be at least 1, was 0");
    }

    static void report(TestReporter reporter, EnosMockServer server) {
        reporter.publishEntry(Map.of("max", String.valueOf(server.connections().max())));
    }

    @EnosCoapServer(maxConnections = 7)
    static class Annotated {
        @Test
        void limit(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    static class Built {
        @RegisterExtension
        static EnosCoapServerExtension enos = EnosCoapServerExtension.builder().maxConnections(9).build();

        @Test
        void limit(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer
    static class Default {
        @Test
        void limit(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer(maxConnections = 0)
    static class Zero {
        @Test
        void limit(EnosMockServer server) {
            assertThat(server).isNotNull();
        }
    }
}
