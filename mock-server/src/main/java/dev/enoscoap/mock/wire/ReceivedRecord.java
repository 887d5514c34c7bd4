package dev.enoscoap.mock.wire;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The header of one DTLS record as it arrived, before Scandium looked at it: also records for a
 * connection the server no longer has (a device still sending into a forgotten session), which
 * Scandium drops without a trace.
 *
 * @param time when it arrived, on the server's clock
 * @param peer the sender's address
 * @param contentType the record's content type: 20 change_cipher_spec, 21 alert, 22 handshake,
 *        23 application_data
 * @param epoch the record's epoch: 0 before the handshake's keys are in use
 * @param length the record's fragment length in bytes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReceivedRecord(Instant time, InetSocketAddress peer, int contentType, int epoch, int length) {
    /** Content type of application data. */
    public static final int APPLICATION_DATA = 23;
    /** Content type of a handshake message. */
    public static final int HANDSHAKE = 22;

    /** Whether it carries encrypted application data (a CoAP message). */
    public boolean applicationData() {
        return contentType == APPLICATION_DATA && epoch > 0;
    }

    /** Whether it is an unencrypted handshake message, such as a ClientHello. */
    public boolean clearHandshake() {
        return contentType == HANDSHAKE && epoch == 0;
    }
}
