package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * A queued command: its state, and a future that completes with the device's reply or
 * exceptionally with {@link CommandExpiredException} when its timeout passes first.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CommandHandle {
    /** Where a command stands. */
    public enum Status {
        /** Waiting for the device to fetch it; option 2100 announces it. */
        QUEUED,
        /** Fetched by the device; waiting for its reply. */
        DELIVERED,
        /** Answered. */
        REPLIED,
        /** Not answered in time. */
        EXPIRED
    }

    private final String id;
    private final DeviceId device;
    private final Command command;
    private final Instant queuedAt;
    private final Instant expiresAt;
    private final CompletableFuture<CommandReply> reply = new CompletableFuture<>();
    private volatile Status status = Status.QUEUED;
    private volatile int deliveries;

    CommandHandle(String id, DeviceId device, Command command, Instant queuedAt, Instant expiresAt) {
        this.id = id;
        this.device = device;
        this.command = command;
        this.queuedAt = queuedAt;
        this.expiresAt = expiresAt;
    }

    /** The command's {@code id}, as in its JSON. */
    public String id() {
        return id;
    }

    /** The device it is for. */
    public DeviceId device() {
        return device;
    }

    /** The command. */
    public Command command() {
        return command;
    }

    /** The request topic, e.g. {@code /sys/pk/dk/thing/service/measurepoint/set}. */
    public String topic() {
        return commandTopic().topic();
    }

    /** The CoAP path of the request topic, i.e. option 2100's value: {@code /topic} + {@link #topic()}. */
    public String path() {
        return commandTopic().path();
    }

    /** The CoAP path the device posts its reply to (EC-12). */
    public String replyPath() {
        return commandTopic().replyTopic().path();
    }

    private Topics.Command commandTopic() {
        return new Topics.Command(command.kind(), device, command.identifier(), false);
    }

    /** Where it stands now. */
    public Status status() {
        return status;
    }

    /** How many times the device fetched it. */
    public int deliveries() {
        return deliveries;
    }

    /** When it was queued, on the server's clock. */
    public Instant queuedAt() {
        return queuedAt;
    }

    /** When it expires unless answered, on the server's clock. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Completes with the reply, or exceptionally with {@link CommandExpiredException}. */
    public CompletableFuture<CommandReply> reply() {
        return reply;
    }

    /**
     * Waits at most {@code timeout} of real time for the reply.
     *
     * @throws CommandExpiredException if the command expired
     * @throws AssertionError if no reply came within {@code timeout}
     */
    public CommandReply awaitReply(Duration timeout) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandExpiredException expired) {
                throw expired;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no reply to command " + id + " (" + topic() + ") within " + timeout
                    + "; status " + status + ", fetched " + deliveries + " times");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for command " + id, e);
        }
    }

    /** The command JSON the device receives (EC-12). */
    public byte[] body() {
        if (command.raw() != null) {
            return command.raw().clone();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", id);
        body.put("version", "1.0");
        body.put("method", command.kind().method(command.identifier()));
        body.set("params", command.params() == null ? JsonNodeFactory.instance.objectNode() : command.params());
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    synchronized void delivered() {
        deliveries++;
        if (status == Status.QUEUED) {
            status = Status.DELIVERED;
        }
    }

    synchronized boolean complete(CommandReply r) {
        if (status == Status.REPLIED || status == Status.EXPIRED) {
            return false;
        }
        status = Status.REPLIED;
        return reply.complete(r);
    }

    synchronized boolean expire() {
        if (status == Status.REPLIED || status == Status.EXPIRED) {
            return false;
        }
        Status was = status;
        status = Status.EXPIRED;
        return reply.completeExceptionally(new CommandExpiredException("command " + id + " to " + device + " on "
                + topic() + " expired at " + expiresAt + " without a reply; it was "
                + (was == Status.QUEUED ? "never fetched" : "fetched " + deliveries + " times")));
    }

    @Override
    public String toString() {
        return "Command[" + id + " " + topic() + " " + status + "]";
    }
}
