package dev.enoscoap.mock.forward;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.coap.CoapEvents;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Turns what the server sees into envelopes for the business servers (EC-14): accepted uplinks
 * and command replies from the CoAP layer, online, offline and activation from the journal.
 * Forwarding never fails a request: an envelope that cannot be built is counted and dropped.
 */
@API(status = INTERNAL, since = "0.1")
public final class ForwardingEvents implements CoapEvents, Consumer<JournalEntry> {
    private final Forwarder forwarder;
    private final Registry registry;
    private final Clock clock;
    private final DropReport drops;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param forwarder where envelopes go
     * @param registry where asset ids come from
     * @param clock the receive time of uplinks
     * @param drops where envelopes that could not be built are counted
     */
    public ForwardingEvents(Forwarder forwarder, Registry registry, Clock clock, DropReport drops) {
        this.forwarder = forwarder;
        this.registry = registry;
        this.clock = clock;
        this.drops = drops;
    }

    @Override
    public void uplinkAccepted(Topics.Uplink topic, byte[] payload) {
        if (forwarder.enabled()) {
            publish(() -> Envelopes.of("uplink", topic.device(), assetIdOf(topic.device()), topic.topic(),
                    topic.method(), payload, !topic.kind().raw(), clock.instant(), sequence.incrementAndGet()));
        }
    }

    @Override
    public void commandReplied(CommandHandle command, CommandReply reply) {
        if (forwarder.enabled()) {
            byte[] body = reply.raw() != null ? reply.raw() : reply.body().toString().getBytes(StandardCharsets.UTF_8);
            publish(() -> Envelopes.of("command_reply", command.device(), assetIdOf(command.device()),
                    Topics.enosTopic(command.replyPath()), command.command().kind().method(command.command().identifier()),
                    body, reply.raw() == null, reply.receivedAt(), sequence.incrementAndGet()));
        }
    }

    /** Forwards a device's online, offline and activation state changes. */
    @Override
    public void accept(JournalEntry entry) {
        if (entry instanceof StateChange change && forwarder.enabled()) {
            String type = switch (change.kind()) {
                case ONLINE -> "online";
                case OFFLINE -> "offline";
                case ACTIVATED -> "activation";
                case REGISTERED -> null;
            };
            if (type != null) {
                publish(() -> Envelopes.of(type, change.device(), assetIdOf(change.device()), null, null, null, false,
                        change.time(), sequence.incrementAndGet()));
            }
        }
    }

    private String assetIdOf(DeviceId device) {
        return registry.device(device).map(Device::assetId).orElse(null);
    }

    private void publish(Supplier<ObjectNode> envelope) {
        try {
            forwarder.publish(envelope.get());
        } catch (RuntimeException e) {
            drops.limitReached("forward-envelope", null, "an envelope could not be built or written: " + e);
        }
    }
}
