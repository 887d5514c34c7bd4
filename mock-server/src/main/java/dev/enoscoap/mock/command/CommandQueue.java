package dev.enoscoap.mock.command;

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

/**
 * Commands waiting for devices (EC-12). The server announces the oldest queued command of a
 * device with option 2100 on its next response; the device fetches it with a GET on the topic
 * and answers on the {@code _reply} topic. Commands expire on the server's clock.
 */
public final class CommandQueue {
    /** Timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(1000);
    private final ConcurrentMap<DeviceId, List<CommandHandle>> byDevice = new ConcurrentHashMap<>();

    public CommandQueue(Clock clock) {
        this.clock = clock;
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
        CommandHandle handle = new CommandHandle(Long.toString(ids.incrementAndGet()), device, command, now,
                now.plus(timeout));
        byDevice.computeIfAbsent(device, k -> new CopyOnWriteArrayList<>()).add(handle);
        return handle;
    }

    /** The oldest command of the device still waiting to be fetched. */
    public Optional<CommandHandle> nextQueued(DeviceId device) {
        return open(device).stream().filter(h -> h.status() == CommandHandle.Status.QUEUED).findFirst();
    }

    /**
     * Hands out the command waiting on {@code kind}/{@code identifier} for a device's GET: the
     * oldest queued one, else the oldest fetched but unanswered one again (a device may ask twice).
     */
    public Optional<CommandHandle> fetch(DeviceId device, CommandKind kind, String identifier) {
        List<CommandHandle> matching = open(device).stream()
                .filter(h -> h.command().kind() == kind && java.util.Objects.equals(h.command().identifier(), identifier))
                .toList();
        Optional<CommandHandle> pick = matching.stream().filter(h -> h.status() == CommandHandle.Status.QUEUED).findFirst()
                .or(() -> matching.stream().findFirst());
        pick.ifPresent(CommandHandle::delivered);
        return pick;
    }

    /**
     * Completes the command a reply answers: the one with {@code id} if given, else the oldest
     * fetched one on that topic.
     */
    public Optional<CommandHandle> complete(DeviceId device, CommandKind kind, String identifier, String id,
            CommandReply reply) {
        Optional<CommandHandle> target = open(device).stream()
                .filter(h -> h.command().kind() == kind && java.util.Objects.equals(h.command().identifier(), identifier))
                .filter(h -> id == null ? h.status() == CommandHandle.Status.DELIVERED : h.id().equals(id))
                .findFirst();
        target.ifPresent(h -> h.complete(reply));
        return target;
    }

    /** Expires every command whose time is up; returns them. */
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
        return expired;
    }

    /**
     * Ends every command not yet answered (as expired, so waiting callers are released) and
     * empties the queue; command ids go on from where they were.
     *
     * @return the commands that were still open
     */
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
