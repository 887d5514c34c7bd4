package dev.enoscoap.mock.forward;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How the mock delivers envelopes to business servers.
 *
 * @param queueCapacity envelopes waiting per target; when full, new ones are dropped and counted
 * @param maxAttempts attempts per envelope, the first included; then it is dropped and counted
 * @param initialBackoff wait before the first retry; doubled for each next one
 * @param maxBackoff the longest wait between attempts
 * @param requestTimeout how long one HTTP POST may take
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ForwardingOptions(int queueCapacity, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration requestTimeout) {

    /** 10,000 queued, 5 attempts, backoff 200 ms doubling to 5 s, 5 s per request. */
    public static ForwardingOptions defaults() {
        return new ForwardingOptions(10_000, 5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public ForwardingOptions {
        if (queueCapacity < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("queue capacity and attempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("backoff must not be negative and the request timeout must be positive");
        }
    }


    /** The same with other attempts and backoff. */
    public ForwardingOptions withRetries(int attempts, Duration initial, Duration max) {
        return new ForwardingOptions(queueCapacity, attempts, initial, max, requestTimeout);
    }
}
