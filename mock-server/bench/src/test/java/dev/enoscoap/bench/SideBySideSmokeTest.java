package dev.enoscoap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke run: every section once, tiny, so that the harness keeps compiling and
 * running. It checks that each row produced a figure, never how fast anything was.
 */
class SideBySideSmokeTest {

    @Test
    void everyRowProducesAFigure() throws Exception {
        SideBySide bench = new SideBySide(SideBySide.Plan.smoke(), System.out);
        String report = bench.run();
        List<SideBySide.Row> rows = bench.rows();

        assertThat(rows).extracting(SideBySide.Row::name).contains(
                "warm-up of a fresh server until its JIT settles: wall time",
                "warm-up of a fresh server until its JIT settles: server CPU",
                "warm-up of a fresh server until its JIT settles: JIT compilers' time",
                "handshake + POST, 1 connector: per second", "handshake + POST, 1 connector: server CPU per op",
                "handshake + POST, 16 connectors: per second", "handshake + POST, 16 connectors: server CPU per op",
                "POSTs, 1 session: per second", "POSTs, 1 session: server CPU per op", "POSTs, 1 session: p99 latency",
                "POSTs, 50 sessions: per second", "POSTs, 50 sessions: server CPU per op",
                "heap per 10,000 sessions, handshake + ping", "heap per 10,000 sessions, handshake + one uplink",
                "start, new JVM to listening, demo registry", "start, new JVM to listening, 10,000-device registry");
        assertThat(rows).anyMatch(r -> r.name().startsWith("@EnosCoapServer class after the first"))
                .anyMatch(r -> r.name().startsWith("soak mock"))
                .anyMatch(r -> r.name().startsWith("sustained mock: live heap after a full GC"));
        assertThat(rows).hasSize(23);
        for (SideBySide.Row row : rows) {
            assertThat(Double.isFinite(row.mock()) || Double.isFinite(row.bare())).as("a figure for %s", row.name()).isTrue();
            if (row.target().startsWith("≥") || row.target().startsWith("≤")) {
                assertThat(row.ratio()).as("the mock/bare ratio of %s", row.name()).isFinite().isPositive();
            }
        }
        assertThat(report).contains("| measurement | unit | mock | bare | mock/bare | target | met |");
    }
}
