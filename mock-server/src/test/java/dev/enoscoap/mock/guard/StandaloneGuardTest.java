package dev.enoscoap.mock.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.EnosMockServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class StandaloneGuardTest {

    /** The watchdog's probe must be a ClientHello a live server answers, or the watchdog would kill a healthy mock. */
    @Test
    void aLiveServerAnswersTheWatchdogsProbeWithAHelloVerifyRequest() throws Exception {
        try (EnosMockServer server = EnosMockServer.builder().start();
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            byte[] probe = StandaloneGuard.probeClientHello();
            socket.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), server.port()));
            DatagramPacket answer = new DatagramPacket(new byte[1024], 1024);
            socket.receive(answer);
            assertThat(answer.getData()[0]).as("content type handshake").isEqualTo((byte) 22);
            assertThat(answer.getData()[13]).as("hello_verify_request").isEqualTo((byte) 3);
            assertThat(server.dropCounts()).isEmpty();
            assertThat(server.journal().entries()).isEmpty();
        }
    }
}
