package dev.enoscoap.mock;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bounded wait for something asynchronous, checked every few milliseconds. */
public final class Await {
    private Await() {
    }

    /**
     * Waits until {@code condition} holds, or fails after {@code timeout} with {@code state} in
     * the message.
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout + "; state:\n" + state.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
