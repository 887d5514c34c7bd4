package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.protocol.ReplyCode;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The device's answer to a command, posted to the command topic + {@code _reply} (EC-12).
 *
 * @param code the reply's {@code code} (200 for success); -1 for raw replies
 * @param data the reply's {@code data}, or {@code null}
 * @param body the whole reply JSON, or {@code null} for raw replies
 * @param raw the bytes of a raw reply, or {@code null}
 * @param receivedAt when the server received it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CommandReply(int code, JsonNode data, JsonNode body, byte[] raw, Instant receivedAt) {

    /** Whether the device reported success. */
    public boolean succeeded() {
        return code == ReplyCode.OK.code() || (raw != null && code == -1);
    }
}
