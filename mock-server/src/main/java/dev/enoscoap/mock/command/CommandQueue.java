package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.protocol.CommandKind;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Commands waiting for devices (EC-12). The server announces the oldest queued command of a
 * device with option 2100 on its next response; the device fetches it with a GET on the topic
 * and answers on the {@code _reply} topic. Commands expire on the server's clock.
 *
 * <p>Bounded: at most {@link #maxPerDevice()} open (queued or fetched, unanswered) commands per
 * device and {@link #maxTotal()} in all; {@link #send} refuses more with
 * {@link CommandQueueFullException}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CommandQueue {
    /** Timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** Open commands kept per device by default. */
    public static final int DEFAULT_MAX_PER_DEVICE = 1_000;
    /** Open commands kept in all by default. */
    public static final int DEFAULT_MAX_TOTAL = 100_000;

    private final Clock clock;
    private final int maxPerDevice;
    private final int maxTotal;
    private final DropReport drops;
    private final AtomicLong ids = new AtomicLong(1000);
    private final ConcurrentMap<DeviceId, List<CommandHandle>> byDevice = new ConcurrentHashMap<>();
    private volatile Runnable onChange = () -> { };

    /** A queue with the default bounds. */
    @API(status = INTERNAL, since = "0.1")
    public CommandQueue(Clock clock) {
        this(clock, DEFAULT_MAX_PER_DEVICE, DEFAULT_MAX_TOTAL, null);
    }

    /**
     * @param clock the server's clock
     * @param maxPerDevice open commands kept per device
     * @param maxTotal open commands kept in all
     * @param drops where refused commands are counted and journaled, or {@code null}
     */
    @API(status = INTERNAL, since = "0.1")
    public CommandQueue(Clock clock, int maxPerDevice, int maxTotal, DropReport drops) {
        if (maxPerDevice < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("command limits must be at least 1, were " + maxPerDevice + " per device and "
                    + maxTotal + " in all");
        }
        this.clock = clock;
        this.maxPerDevice = maxPerDevice;
        this.maxTotal = maxTotal;
        this.drops = drops;
    }

    /** Open commands kept per device. */
    public int maxPerDevice() {
        return maxPerDevice;
    }

    /** Open commands kept in all. */
    public int maxTotal() {
        return maxTotal;
    }

    /** Open commands now, of all devices. */
    public int openCount() {
        return byDevice.values().stream().mapToInt(l -> (int) l.stream().filter(CommandQueue::isOpen).count()).sum();
    }

    /** Runs {@code listener} after every change of a command's state (for persistence). */
    @API(status = INTERNAL, since = "0.1")
    public void onChange(Runnable listener) {
        this.onChange = listener == null ? () -> { } : listener;
    }

    /** Queues a command with the default timeout. */
    public CommandHandle send(DeviceId device, Command command) {
        return send(device, command, DEFAULT_TIMEOUT);
    }

    /** Queues a command that expires after {@code timeout} on the server's clock. */
    public CommandHandle send(DeviceId device, Command command, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be positive, was " + timeout);
        }
        Instant now = clock.instant();
        List<CommandHandle> list = byDevice.computeIfAbsent(device, k -> new CopyOnWriteArrayList<>());
        CommandHandle handle;
        synchronized (list) {
            long open = list.stream().filter(CommandQueue::isOpen).count();
            String full = open >= maxPerDevice ? "device " + device + " has " + open + " open commands, as many as this "
                    + "mock keeps per device (limit commands=" + maxPerDevice + ")"
                    : openCount() >= maxTotal ? "the mock has " + maxTotal + " open commands, as many as it keeps in all "
                            + "(limit commands-total=" + maxTotal + ")" : null;
            if (full != null) {
                if (drops != null) {
                    drops.limitReached(open >= maxPerDevice ? "commands" : "commands-total", device, full
                            + "; a command was refused");
                }
                throw new CommandQueueFullException(full + "; the command to " + device + " is not queued");
            }
            handle = new CommandHandle(Long.toString(ids.incrementAndGet()), device, command, now, now.plus(timeout));
            list.add(handle);
        }
        onChange.run();
        return handle;
    }

    /**
     * Puts back a command kept in the state directory, with its id, times and fetch count. Ids of
     * later commands continue after the highest one restored.
     */
    @API(status = INTERNAL, since = "0.1")
    public CommandHandle restore(String id, DeviceId device, Command command, Instant queuedAt, Instant expiresAt,
            int deliveries) {
        CommandHandle handle = new CommandHandle(id, device, command, queuedAt, expiresAt);
        for (int i = 0; i < deliveries; i++) {
            handle.delivered();
        }
        byDevice.computeIfAbsent(device, k -> new CopyOnWriteArrayList<>()).add(handle);
        try {
            long n = Long.parseLong(id);
            ids.accumulateAndGet(n, Math::max);
        } catch (NumberFormatException e) {
            // ids the mock did not make do not move the counter
        }
        return handle;
    }

    /** Every open command of every device, oldest first per device. */
    @API(status = INTERNAL, since = "0.1")
    public List<CommandHandle> allOpen() {
        List<CommandHandle> all = new ArrayList<>();
        byDevice.values().forEach(l -> l.stream().filter(CommandQueue::isOpen).forEach(all::add));
        return all;
    }

    private static boolean isOpen(CommandHandle h) {
        return h.status() == CommandHandle.Status.QUEUED || h.status() == CommandHandle.Status.DELIVERED;
    }

    /** The oldest command of the device still waiting to be fetched. */
    public Optional<CommandHandle> nextQueued(DeviceId device) {
        // Asked on every request of a device: a plain loop, and nothing at all for a device without commands.
        List<CommandHandle> list = byDevice.get(device);
        if (list != null) {
            for (CommandHandle h : list) {
                if (h.status() == CommandHandle.Status.QUEUED) {
                    return Optional.of(h);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Hands out the command waiting on {@code kind}/{@code identifier} for a device's GET: the
     * oldest queued one, else the oldest fetched but unanswered one again (a device may ask twice).
     */
    @API(status = INTERNAL, since = "0.1")
    public Optional<CommandHandle> fetch(DeviceId device, CommandKind kind, String identifier) {
        List<CommandHandle> matching = open(device).stream()
                .filter(h -> h.command().kind() == kind && java.util.Objects.equals(h.command().identifier(), identifier))
                .toList();
        Optional<CommandHandle> pick = matching.stream().filter(h -> h.status() == CommandHandle.Status.QUEUED).findFirst()
                .or(() -> matching.stream().findFirst());
        pick.ifPresent(h -> {
            h.delivered();
            onChange.run();
        });
        return pick;
    }

    /**
     * Completes the command a reply answers: the one with {@code id} if given, else the oldest
     * fetched one on that topic.
     */
    @API(status = INTERNAL, since = "0.1")
    public Optional<CommandHandle> complete(DeviceId device, CommandKind kind, String identifier, String id,
            CommandReply reply) {
        Optional<CommandHandle> target = open(device).stream()
                .filter(h -> h.command().kind() == kind && java.util.Objects.equals(h.command().identifier(), identifier))
                .filter(h -> id == null ? h.status() == CommandHandle.Status.DELIVERED : h.id().equals(id))
                .findFirst();
        target.ifPresent(h -> {
            h.complete(reply);
            onChange.run();
        });
        return target;
    }

    /** Expires every command whose time is up; returns them. */
    @API(status = INTERNAL, since = "0.1")
    public List<CommandHandle> expire() {
        Instant now = clock.instant();
        List<CommandHandle> expired = new ArrayList<>();
        for (List<CommandHandle> list : byDevice.values()) {
            for (CommandHandle h : list) {
                if (!now.isBefore(h.expiresAt()) && h.expire()) {
                    expired.add(h);
                }
            }
            list.removeIf(h -> h.status() == CommandHandle.Status.EXPIRED || h.status() == CommandHandle.Status.REPLIED);
        }
        if (!expired.isEmpty()) {
            onChange.run();
        }
        return expired;
    }

    /**
     * Ends every command not yet answered (as expired, so waiting callers are released) and
     * empties the queue; command ids go on from where they were.
     *
     * @return the commands that were still open
     */
    @API(status = INTERNAL, since = "0.1")
    public List<CommandHandle> clear() {
        List<CommandHandle> ended = new ArrayList<>();
        for (List<CommandHandle> list : byDevice.values()) {
            for (CommandHandle h : list) {
                if (h.expire()) {
                    ended.add(h);
                }
            }
        }
        byDevice.clear();
        return ended;
    }

    /** Commands of the device not yet answered or expired, oldest first. */
    public List<CommandHandle> open(DeviceId device) {
        List<CommandHandle> list = byDevice.get(device);
        if (list == null) {
            return List.of();
        }
        return list.stream().filter(h -> h.status() == CommandHandle.Status.QUEUED
                || h.status() == CommandHandle.Status.DELIVERED).toList();
    }
}
