package dev.enoscoap.mock.forward;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import org.apiguardian.api.API;

/**
 * Delivery counts for one business server.
 *
 * @param target the webhook URL
 * @param delivered envelopes answered 2xx
 * @param retries attempts after a failed one
 * @param droppedQueueFull envelopes dropped because the queue was full
 * @param droppedAfterRetries envelopes dropped after the last attempt failed
 * @param queued envelopes waiting now
 * @param lastError the last failure, or {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ForwardingStats(URI target, long delivered, long retries, long droppedQueueFull, long droppedAfterRetries,
        int queued, String lastError) {

    /** All envelopes lost for this target. */
    public long dropped() {
        return droppedQueueFull + droppedAfterRetries;
    }
}
