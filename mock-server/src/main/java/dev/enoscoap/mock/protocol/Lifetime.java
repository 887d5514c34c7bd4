package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The Lifetime limits of EC-7: a device with no message exchange for Lifetime seconds is offline.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Lifetime {
    /** The lowest Lifetime a device may ask for, in seconds. */
    public static final int MIN_SECONDS = 30;
    /** The highest Lifetime a device may ask for, in seconds. */
    public static final int MAX_SECONDS = 86_400;

    private Lifetime() {
    }

    /** Whether {@code seconds} is a Lifetime EC-7 allows. */
    public static boolean isAllowed(long seconds) {
        return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
    }

    /** The Lifetime as a duration. */
    public static Duration of(int seconds) {
        if (!isAllowed(seconds)) {
            throw new IllegalArgumentException("Lifetime " + seconds + " s is outside " + MIN_SECONDS + ".."
                    + MAX_SECONDS + " s (EC-7)");
        }
        return Duration.ofSeconds(seconds);
    }
}
