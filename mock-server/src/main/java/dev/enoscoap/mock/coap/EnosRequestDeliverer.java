package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.data.DeviceDataStore;
import dev.enoscoap.mock.dtls.SessionIdentity;
import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkValidator;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.PresenceTracker;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * Handles every request the server receives, in one place, so that each is routed by the EnOS
 * rules, refreshes the device's presence, announces waiting commands with option 2100, and is
 * journaled with its response. There is no resource discovery and no Observe (EC-1).
 */
@API(status = INTERNAL, since = "0.1")
public final class EnosRequestDeliverer extends ServerMessageDeliverer {
    private final Journal journal;
    private final PresenceTracker presence;
    // The handlers carry the JSON machinery: made when first needed, so a server is listening sooner.
    private final Lazy<ActivationHandler> activation;
    private final Lazy<UplinkHandler> uplinks;
    private final Lazy<CommandHandler> commandHandler;
    private final CommandQueue commands;
    private final Faults faults;
    private final ScheduledExecutorService delays;
    private final CoapEvents events;

    /**
     * Everything the deliverer works with.
     *
     * @param validator made on the first uplink (with the JSON machinery it needs), not when the server starts
     */
    public record Parts(Registry registry, Journal journal, PresenceTracker presence, DeviceDataStore data,
            CommandQueue commands, Faults faults, Supplier<UplinkValidator> validator, Supplier<String> secrets,
            ActivationPolicy activationPolicy, CoapEvents events, ScheduledExecutorService delays) {
    }

    /**
     * @param root an empty resource tree (nothing is delivered through it)
     * @param parts the server's parts
     */
    public EnosRequestDeliverer(Resource root, Parts parts) {
        super(root);
        EnosOptions.register();
        this.journal = parts.journal();
        this.presence = parts.presence();
        this.commands = parts.commands();
        this.faults = parts.faults();
        this.delays = parts.delays();
        this.events = parts.events();
        this.activation = new Lazy<>(() -> new ActivationHandler(parts.registry(), journal, parts.secrets(),
                parts.activationPolicy()));
        this.uplinks = new Lazy<>(() -> new UplinkHandler(parts.validator().get(), parts.data()));
        this.commandHandler = new Lazy<>(() -> new CommandHandler(commands, presence.clock(), events::commandReplied));
    }

    /** A value made by the first thread that asks for it; every later call returns it without a lock. */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = make.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        try {
            return deliver(exchange);
        } catch (Error e) {
            // Californium logs an error of a request thread and carries on. An out-of-memory error must
            // not go by that quietly: the process's handler hears of it (the standalone guard stops the mock).
            Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
            if (handler != null) {
                handler.uncaughtException(Thread.currentThread(), e);
            }
            throw e;
        }
    }

    private boolean deliver(Exchange exchange) {
        Request request = exchange.getRequest();
        PskIdentity identity = SessionIdentity.of(request.getSourceContext().getPeerIdentity());
        DeviceId device = identity == null ? null : identity.device();
        // Californium keeps the Uri-Path in a linked list: copied once, the routing indexes an array.
        String[] uriPath = request.getOptions().getUriPath().toArray(new String[0]);
        List<String> segments = Arrays.asList(uriPath);
        String path = joined(uriPath);
        Reply reply;
        try {
            reply = route(request, identity, device, segments);
        } catch (RuntimeException e) {
            reply = Reply.error(ResponseCode.INTERNAL_SERVER_ERROR, "the mock failed on this request: " + e);
        }
        Optional<ResponseOverride> override = device == null ? Optional.empty() : faults.takeOverride(path, device);
        if (override.isPresent()) {
            reply = overridden(reply, override.get());
        }
        Response response = new Response(reply.code());
        if (reply.payload().length > 0) {
            response.setPayload(reply.payload());
        }
        if (reply.contentFormat() >= 0) {
            response.getOptions().setContentFormat(reply.contentFormat());
        }
        String announced = null;
        if (identity != null && identity.secureMode() == SecureMode.DEVICE_SECRET) {
            Optional<CommandHandle> next = commands.nextQueued(device);
            if (next.isPresent()) {
                announced = next.get().path();
                response.getOptions().addOption(EnosOptions.COMMAND_TOPIC.create(announced));
            }
        }
        // Journaled before it is sent, so a client that has the response finds it in the journal.
        record(request, path, identity, reply, announced, override.isPresent());
        long delay = override.map(o -> o.delay().toMillis()).orElse(0L);
        if (delay > 0) {
            delays.schedule(() -> exchange.sendResponse(response), delay, TimeUnit.MILLISECONDS);
        } else {
            exchange.sendResponse(response);
        }
        return true;
    }

    private Reply route(Request request, PskIdentity identity, DeviceId device, List<String> path) {
        if (identity == null) {
            return Reply.error(ResponseCode.UNAUTHORIZED, "request without a DTLS PSK session (EC-1)");
        }
        presence.seen(device, identity.lifetimeSeconds(), "request");
        if (Topics.isActivationPath(path)) {
            return activation.get().handle(request.getCode(), path, identity);
        }
        if (identity.secureMode() == SecureMode.PRODUCT_SECRET) {
            return Reply.error(ResponseCode.FORBIDDEN, "a SecureMode 3 session serves only the activation request "
                    + Topics.activationPath(identity.device()) + " (EC-5)");
        }
        if (!Topics.isDeviceTopic(path)) {
            return Reply.error(ResponseCode.NOT_FOUND, "no such path: /" + String.join("/", path)
                    + "; EnOS topics are " + Topics.DEVICE_TOPICS + " (EC-11, EC-13)");
        }
        if (!path.get(2).equals(device.productKey()) || !path.get(3).equals(device.deviceKey())) {
            return Reply.error(ResponseCode.FORBIDDEN, "topic of " + Topics.deviceOf(path) + " on a session of "
                    + device + "; a device uses its own topics (EC-11)");
        }
        // The session's device (equal to the path's, checked above): what is kept refers to it, not to path text.
        Optional<Topics.Uplink> uplink = Topics.uplink(path)
                .map(u -> new Topics.Uplink(u.kind(), device, u.identifier()));
        if (uplink.isPresent()) {
            if (request.getCode() != Code.POST) {
                return Reply.error(ResponseCode.METHOD_NOT_ALLOWED, request.getCode() + " on upload topic "
                        + uplink.get().path() + "; uploads take POST (EC-11, EC-13)");
            }
            byte[] payload = request.getPayload();
            Reply reply = uplinks.get().handle(uplink.get(), payload);
            if (reply.replyCode() == ReplyCode.OK.code()
                    || (uplink.get().kind().raw() && reply.code() == ResponseCode.CHANGED && reply.replyCode() < 0)) {
                events.uplinkAccepted(uplink.get(), payload);
            }
            return reply;
        }
        Optional<Topics.Command> command = Topics.command(path);
        if (command.isPresent()) {
            return commandHandler.get().handle(request.getCode(), command.get(), request.getPayload());
        }
        return Reply.error(ResponseCode.NOT_FOUND, "unknown topic /" + String.join("/", path) + " (EC-11, EC-13)");
    }

    /** The Uri-Path as one string starting with {@code /}, made in one piece. */
    private static String joined(String[] segments) {
        if (segments.length == 0) {
            return "/";
        }
        int length = segments.length;
        for (String segment : segments) {
            length += segment.length();
        }
        StringBuilder path = new StringBuilder(length);
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    private static Reply overridden(Reply real, ResponseOverride o) {
        ResponseCode code = o.code() == null ? real.code() : codeOf(o.code());
        byte[] payload = o.payload() == null ? real.payload() : o.payload();
        int format = o.payload() == null ? real.contentFormat() : o.contentFormat();
        String note = "scripted response " + o + (real.note() == null ? "" : "; real answer: " + real.note());
        return new Reply(code, payload, format, note, real.replyCode(), real.enosMethod());
    }

    private static ResponseCode codeOf(String text) {
        int cls = text.charAt(0) - '0';
        int detail = Integer.parseInt(text.substring(2));
        return ResponseCode.valueOf(cls << 5 | detail);
    }

    private void record(Request request, String path, PskIdentity identity, Reply reply, String announced,
            boolean scripted) {
        InetSocketAddress peer = request.getSourceContext().getPeerAddress();
        journal.record((seq, time) -> new ExchangeEntry(seq, time, peer, identity, request.getCode().name(), path,
                request.isConfirmable(), request.getMID(), request.getTokenString(),
                request.getOptions().hasContentFormat() ? request.getOptions().getContentFormat() : -1,
                request.getPayloadSize(), reply.code().text, reply.contentFormat(), reply.payload().length,
                reply.replyCode(), reply.enosMethod(), announced, reply.note(), scripted));
    }

}
