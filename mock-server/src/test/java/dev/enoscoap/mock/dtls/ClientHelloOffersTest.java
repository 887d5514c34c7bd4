package dev.enoscoap.mock.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHelloOffersTest {
    @Test
    void suitesAreNamedByTheirIanaNamesAndUnknownCodesInHex() {
        ClientHelloOffers.Offer offer = new ClientHelloOffers.Offer(0xFEFD, List.of(0xC0A8, 0x00AE, 0x00A9, 0xFAFA), true);
        assertThat(offer.cipherSuiteNames()).containsExactly("TLS_PSK_WITH_AES_128_CCM_8",
                "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384", "0xFAFA");
    }
}
