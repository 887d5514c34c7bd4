package dev.enoscoap.mock.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.protocol.PskKeys;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;

/**
 * Floods over real UDP on loopback, bounded in count: what the server logs and journals must not
 * grow with the number of bad datagrams or refused handshakes.
 */
class DtlsFloodTest {
    private static final int MALFORMED = 10_000;
    /** Offset of the session-id length in a ClientHello datagram: record 13, handshake 12, version 2, random 32. */
    private static final int SESSION_ID_LENGTH = 13 + 12 + 2 + 32;

    @Test
    void tenThousandMalformedClientHellosCostAFewLogLinesAndNoJournalEntryEach() throws Exception {
        byte[] hello = TestDevice.captureClientHello();
        assertThat(hello[SESSION_ID_LENGTH]).as("a fresh ClientHello has no session id").isZero();
        List<byte[]> variants = List.of(
                with(hello, SESSION_ID_LENGTH, 0xff),          // session id runs past the message
                with(hello, SESSION_ID_LENGTH + 1, 0xff),      // cookie runs past the message
                Arrays.copyOf(with(hello, SESSION_ID_LENGTH, 0xff), 69), // the 69-byte datagram seen in the wild
                with(with(hello, 13 + 9, 0), 13 + 11, 10),     // a fragment of a ClientHello
                Arrays.copyOf(hello, hello.length - 3));       // cut inside the extensions
        try (LogCapture log = new LogCapture(); EnosMockServer server = EnosMockServer.builder().start()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < MALFORMED; i++) {
                    byte[] d = variants.get(i % variants.size());
                    socket.send(new DatagramPacket(d, d.length, target));
                    if (i % 100 == 99) {
                        Thread.sleep(3); // stay within the socket's receive buffer: every datagram is judged
                    }
                }
            }
            // UDP may drop some datagrams on a busy machine; every one that arrived is judged and counted.
            long[] last = {-1};
            Await.until(Duration.ofSeconds(30), () -> {
                long now = malformed(server);
                boolean settled = now == last[0] && now > 0;
                last[0] = now;
                if (!settled) {
                    sleepQuietly(500);
                }
                return settled;
            }, () -> "counted: " + server.dropCounts());
            assertThat(malformed(server)).as("malformed ClientHellos judged").isGreaterThanOrEqualTo(MALFORMED / 2);
            // A good device is still served, and its handshake says what its ClientHello offered.
            try (TestDevice good = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
                assertThat(good.get("/topic/sys/demoProduct/dev01/thing/x")).isNotNull();
            }
            server.flushDropSummaries();
            List<String> lines = log.lines();
            System.out.println("log lines for " + MALFORMED + " malformed ClientHellos (+1 good handshake): " + lines.size()
                    + "; counted " + server.dropCounts());
            assertThat(lines).as("log lines").hasSizeLessThanOrEqualTo(30)
                    .noneMatch(l -> l.contains("NullPointerException") || l.contains("Exception"));
            assertThat(server.journal().entries()).as("journal entries").hasSizeLessThanOrEqualTo(12);
            assertThat(server.journal().entries(ServerEvent.class, e -> e.kind() == ServerEvent.Kind.SUPPRESSED))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.what()).startsWith("malformed-client-hello/"))
                    .extracting(ServerEvent::count).allSatisfy(c -> assertThat(c).isGreaterThan(100));
            assertThat(server.journal().handshakes()).singleElement().satisfies(h -> {
                assertThat(h.accepted()).isTrue();
                assertThat(h.clientVersion()).isEqualTo(0xFEFD);
                assertThat(h.offeredCipherSuites()).contains("TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256");
                assertThat(h.describe()).contains("hello=DTLS1.2 offered=TLS_PSK_WITH_AES_128_CCM_8");
            });
        }
    }

    @Test
    void refusedHandshakesBeyondTenPerSourceAndIdentityAreCountedNotJournaledOneByOne() {
        try (EnosMockServer server = EnosMockServer.builder().start()) {
            int attempts = 25;
            for (int i = 0; i < attempts; i++) {
                try (TestDevice bad = TestDevice.of(server, new PskPublicInformation("demoProduct,dev01,7,60"),
                        PskKeys.derive("demo-device-secret-01"))) {
                    bad.fire("/x");
                    int n = i;
                    Await.until(Duration.ofSeconds(10), () -> server.journal().handshakes().size()
                            + server.dropCounts().getOrDefault("handshake-refusals/BAD_IDENTITY", 0L) > n,
                            server.journal()::dump);
                }
            }
            // Another identity from the same address still has its first refusal journaled.
            try (TestDevice other = TestDevice.of(server, new PskPublicInformation("demoProduct,dev02,2,7"),
                    PskKeys.derive("demo-device-secret-02"))) {
                other.fire("/x");
                Await.until(Duration.ofSeconds(10), () -> server.journal().handshakes().stream()
                        .anyMatch(h -> "demoProduct,dev02,2,7".equals(h.identityReceived())), server.journal()::dump);
            }
            server.flushDropSummaries();
            List<HandshakeEntry> journaled = server.journal().handshakes().stream()
                    .filter(h -> "demoProduct,dev01,7,60".equals(h.identityReceived())).toList();
            assertThat(journaled).hasSize(RefusalThrottle.PER_IDENTITY)
                    .allSatisfy(h -> assertThat(h.reason()).isEqualTo(RefusalReason.BAD_IDENTITY))
                    .allSatisfy(h -> assertThat(h.offeredCipherSuites()).isNotEmpty());
            assertThat(server.dropCounts()).containsEntry("handshake-refusals/BAD_IDENTITY",
                    (long) attempts - RefusalThrottle.PER_IDENTITY);
            assertThat(server.journal().entries(ServerEvent.class, e -> true)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ServerEvent.Kind.SUPPRESSED);
                assertThat(e.count()).isEqualTo(attempts - RefusalThrottle.PER_IDENTITY);
                assertThat(e.describe()).contains("handshake-refusals/BAD_IDENTITY", "127.0.0.1");
            });
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long malformed(EnosMockServer server) {
        return server.dropCounts().entrySet().stream().filter(e -> e.getKey().startsWith("malformed-client-hello/"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }
}
