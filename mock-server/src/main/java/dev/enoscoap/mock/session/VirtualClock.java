package dev.enoscoap.mock.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;

/**
 * A clock that moves only when told to. Give it to the mock server and advance it to make
 * lifetimes expire at once, without waiting. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class VirtualClock extends Clock {
    private final List<Runnable> listeners;
    private final ZoneId zone;
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public VirtualClock(Instant start) {
        this(start, ZoneOffset.UTC, new CopyOnWriteArrayList<>());
    }

    /** A clock standing at the current real time. */
    public VirtualClock() {
        this(Instant.now());
    }

    private VirtualClock(Instant start, ZoneId zone, List<Runnable> listeners) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = zone;
        this.listeners = listeners;
    }

    /**
     * Moves the clock forward and then runs the listeners (the mock server sweeps lifetimes).
     *
     * @return the new time
     */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock moves forward only; cannot advance by " + duration);
        }
        Instant result;
        synchronized (this) {
            now = now.plus(duration);
            result = now;
        }
        listeners.forEach(Runnable::run);
        return result;
    }

    /** Runs {@code listener} after every {@link #advance}; closing the result removes it. */
    public AutoCloseable onAdvance(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        throw new UnsupportedOperationException("a virtual clock keeps UTC; moving it is the point");
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now + "]";
    }
}
