package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.session.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @Nested} classes use the server of their enclosing class unless they declare their own. */
@EnosCoapServer
class NestedClassTest {
    private final EnosMockServer outer;
    private EnosMockServer outerBeforeEach;

    NestedClassTest(EnosMockServer server) {
        this.outer = server;
    }

    @BeforeEach
    void beforeEach(EnosMockServer server) {
        outerBeforeEach = server;
    }

    @Test
    void theOuterClassHasItsServer(EnosMockServer server) {
        assertThat(server).isSameAs(outer).isSameAs(outerBeforeEach);
    }

    @Nested
    class Inner {
        private final EnosTestServer inner;

        Inner(EnosTestServer server) {
            this.inner = server;
        }

        @Test
        void seesTheOuterServer(EnosTestServer server, EnosMockServer mock) {
            assertThat(mock).isSameAs(outer).isSameAs(outerBeforeEach).isSameAs(inner.mockServer())
                    .isSameAs(server.mockServer());
        }

        @Nested
        class Deeper {
            @Test
            void seesTheOuterServerToo(EnosMockServer server) {
                assertThat(server).isSameAs(outer).isSameAs(inner.mockServer());
            }
        }
    }

    @Nested
    @EnosCoapServer(virtualClock = true)
    class WithItsOwnAnnotation {
        @Test
        void getsItsOwnServerWhileTheOuterClassKeepsItsOwn(EnosMockServer server, VirtualClock clock) {
            assertThat(server).isNotSameAs(outer);
            assertThat(outerBeforeEach).isSameAs(outer);
            assertThat(server.clock()).isSameAs(clock);
            assertThat(outer.clock()).isNotInstanceOf(VirtualClock.class);
            assertThat(server.port()).isNotEqualTo(outer.port());
        }
    }
}
