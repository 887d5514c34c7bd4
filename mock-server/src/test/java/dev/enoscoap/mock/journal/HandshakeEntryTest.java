package dev.enoscoap.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeEntryTest {
    private static HandshakeEntry offering(List<String> suites) {
        return new HandshakeEntry(1, Instant.EPOCH, new InetSocketAddress("127.0.0.1", 40000), "pk,dk,2,300", null,
                "TLS_PSK_WITH_AES_128_CCM_8", HandshakeOutcome.ACCEPTED, null, null, "", false, 0xFEFD, suites);
    }

    @Test
    void aShortOfferIsSpelledOutInTheLine() {
        assertThat(offering(List.of("TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256")).describe())
                .contains("hello=DTLS1.2 offered=TLS_PSK_WITH_AES_128_CCM_8,TLS_PSK_WITH_AES_128_CBC_SHA256");
    }

    /** OpenSSL offers about 50 PSK suites: the line gives the count and the EnOS ones, the entry keeps all. */
    @Test
    void aLongOfferIsCountedAndNamesTheEnosSuitesAmongIt() {
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            suites.add(String.format("0x%04X", 0xC000 + i));
        }
        suites.add(20, "TLS_PSK_WITH_AES_128_CBC_SHA256");
        HandshakeEntry entry = offering(suites);
        assertThat(entry.describe()).endsWith("offered=49 suites, EnOS: TLS_PSK_WITH_AES_128_CBC_SHA256")
                .doesNotContain("0xC000");
        assertThat(entry.offeredCipherSuites()).hasSize(49);

        suites.remove("TLS_PSK_WITH_AES_128_CBC_SHA256");
        assertThat(offering(suites).describe()).contains("offered=48 suites, no EnOS suite");
    }
}
