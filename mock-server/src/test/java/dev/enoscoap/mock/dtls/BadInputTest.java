package dev.enoscoap.mock.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.PskKeys;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;

/**
 * Garbage, broken handshakes and malformed identities sent to a running server must not hurt
 * anybody else: afterwards a valid device still connects and is served.
 */
class BadInputTest {
    private static final long SEED = 20_261_126L;

    @Test
    void serverKeepsServingAfterGarbageMutatedHandshakesAndBadIdentities() throws Exception {
        try (EnosMockServer server = EnosMockServer.builder().start()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            byte[] clientHello = TestDevice.captureClientHello();
            Random random = new Random(SEED);
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                // Garbage of every size, including empty and oversized datagrams.
                for (int size : new int[] {0, 1, 13, 14, 100, 1500, 16_000}) {
                    byte[] junk = new byte[size];
                    random.nextBytes(junk);
                    socket.send(new DatagramPacket(junk, junk.length, target));
                }
                // A plain-text CoAP request on the DTLS port.
                byte[] coap = {0x40, 0x01, 0x12, 0x34, (byte) 0xb4, 't', 'e', 's', 't'};
                socket.send(new DatagramPacket(coap, coap.length, target));
                // A real ClientHello, truncated at every length.
                for (int len = 1; len < clientHello.length; len += 3) {
                    byte[] cut = Arrays.copyOf(clientHello, len);
                    socket.send(new DatagramPacket(cut, cut.length, target));
                }
                // A real ClientHello with random bytes flipped, 300 times.
                for (int i = 0; i < 300; i++) {
                    byte[] mutated = clientHello.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    socket.send(new DatagramPacket(mutated, mutated.length, target));
                }
                // The same ClientHello replayed many times from one address.
                for (int i = 0; i < 50; i++) {
                    socket.send(new DatagramPacket(clientHello, clientHello.length, target));
                }
            }

            // Malformed identities through complete handshakes.
            List<PskPublicInformation> bad = List.of(
                    new PskPublicInformation("demoProduct," + "d".repeat(4096) + ",2,60"),
                    PskPublicInformation.fromByteArray(new byte[] {'d', ',', (byte) 0xc0, (byte) 0xaf, ',', '2', ',', '6', '0'}),
                    new PskPublicInformation(""),
                    new PskPublicInformation(",,,"),
                    new PskPublicInformation("demoProduct,dev01,2,99999999999999999999"));
            for (PskPublicInformation identity : bad) {
                int before = server.journal().handshakes().size();
                try (TestDevice device = TestDevice.of(server, identity, PskKeys.derive("demo-device-secret-01"))) {
                    device.fire("/x");
                    Await.until(Duration.ofSeconds(10), () -> server.journal().handshakes().size() > before,
                            server.journal()::dump);
                }
            }

            try (TestDevice good = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
                CoapResponse response = good.get("/topic/sys/demoProduct/dev01/check");
                assertThat(response).as("a valid device is still served").isNotNull();
                assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            }

            List<HandshakeEntry> refused = server.journal().handshakes().stream().filter(h -> !h.accepted()).toList();
            assertThat(refused).extracting(HandshakeEntry::reason).contains(RefusalReason.BAD_IDENTITY);
            assertThat(refused).extracting(HandshakeEntry::identityRule)
                    .contains(IdentityRule.TOO_LONG, IdentityRule.NOT_UTF8, IdentityRule.FIELD_COUNT,
                            IdentityRule.EMPTY_PRODUCT_KEY, IdentityRule.LIFETIME_OUT_OF_RANGE);
            assertThat(server.journal().handshakes()).filteredOn(HandshakeEntry::accepted).singleElement()
                    .satisfies(h -> assertThat(h.identityReceived()).isEqualTo("demoProduct,dev01,2,60"));
        }
    }
}
