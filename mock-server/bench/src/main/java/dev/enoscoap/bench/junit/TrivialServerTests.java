package dev.enoscoap.bench.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trivial test classes for timing {@code @EnosCoapServer}: each gets its own server (the default
 * scope, one per class), takes it as a parameter, and checks that it listens.
 */
public final class TrivialServerTests {
    private TrivialServerTests() {
    }

    /** The classes, in the order they are run. */
    public static List<Class<?>> classes() {
        return List.of(T01.class, T02.class, T03.class, T04.class, T05.class, T06.class, T07.class, T08.class,
                T09.class, T10.class, T11.class, T12.class);
    }

    /** Trivial class 1. */
    @EnosCoapServer
    public static final class T01 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 2. */
    @EnosCoapServer
    public static final class T02 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 3. */
    @EnosCoapServer
    public static final class T03 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 4. */
    @EnosCoapServer
    public static final class T04 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 5. */
    @EnosCoapServer
    public static final class T05 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 6. */
    @EnosCoapServer
    public static final class T06 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 7. */
    @EnosCoapServer
    public static final class T07 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 8. */
    @EnosCoapServer
    public static final class T08 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 9. */
    @EnosCoapServer
    public static final class T09 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 10. */
    @EnosCoapServer
    public static final class T10 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 11. */
    @EnosCoapServer
    public static final class T11 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }

    /** Trivial class 12. */
    @EnosCoapServer
    public static final class T12 {
        @Test
        void listens(EnosTestServer server) {
            assertThat(server.port()).isPositive();
        }
    }
}
