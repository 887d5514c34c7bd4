package dev.enoscoap.mock.coap;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityParser;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.PresenceTracker;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Handles every request the server receives, in one place, so that each is routed by the EnOS
 * rules, refreshes the device's presence, and is journaled with its response. There is no
 * resource discovery and no Observe (EC-1).
 */
public final class EnosRequestDeliverer extends ServerMessageDeliverer {
    private final Journal journal;
    private final PresenceTracker presence;
    private final ActivationHandler activation;

    /**
     * @param root an empty resource tree (nothing is delivered through it)
     * @param registry the devices
     * @param journal where exchanges are recorded
     * @param presence online/offline tracking
     * @param secrets secrets for devices that activate without one
     * @param allowReactivation whether an activated device may activate again (EC-10 option)
     */
    public EnosRequestDeliverer(Resource root, Registry registry, Journal journal, PresenceTracker presence,
            Supplier<String> secrets, boolean allowReactivation) {
        super(root);
        this.journal = journal;
        this.presence = presence;
        this.activation = new ActivationHandler(registry, journal, secrets, allowReactivation);
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        PskIdentity identity = identityOf(request.getSourceContext().getPeerIdentity());
        Reply reply;
        try {
            reply = route(request, identity);
        } catch (RuntimeException e) {
            reply = Reply.error(ResponseCode.INTERNAL_SERVER_ERROR, "the mock failed on this request: " + e);
        }
        Response response = new Response(reply.code());
        if (reply.payload().length > 0) {
            response.setPayload(reply.payload());
        }
        if (reply.contentFormat() >= 0) {
            response.getOptions().setContentFormat(reply.contentFormat());
        }
        exchange.sendResponse(response);
        record(request, identity, reply);
        return true;
    }

    private Reply route(Request request, PskIdentity identity) {
        if (identity == null) {
            return Reply.error(ResponseCode.UNAUTHORIZED, "request without a DTLS PSK session (EC-1)");
        }
        presence.seen(identity.device(), identity.lifetimeSeconds(), "request");
        List<String> path = request.getOptions().getUriPath();
        if (ActivationHandler.matches(path)) {
            return activation.handle(request.getCode(), path, identity);
        }
        if (identity.secureMode() == SecureMode.PRODUCT_SECRET) {
            return Reply.error(ResponseCode.FORBIDDEN, "a SecureMode 3 session serves only the activation request "
                    + ActivationHandler.pathOf(identity.productKey(), identity.deviceKey()) + " (EC-5)");
        }
        if (path.size() >= 4 && path.get(0).equals("topic") && path.get(1).equals("sys")
                && !(path.get(2).equals(identity.productKey()) && path.get(3).equals(identity.deviceKey()))) {
            return Reply.error(ResponseCode.FORBIDDEN, "topic of " + path.get(2) + "/" + path.get(3)
                    + " on a session of " + identity.device() + "; a device uses its own topics (EC-11)");
        }
        return Reply.error(ResponseCode.NOT_FOUND, "no such path: /" + String.join("/", path) + " (EC-13)");
    }

    private void record(Request request, PskIdentity identity, Reply reply) {
        InetSocketAddress peer = request.getSourceContext().getPeerAddress();
        String path = "/" + String.join("/", request.getOptions().getUriPath());
        journal.record((seq, time) -> new ExchangeEntry(seq, time, peer, identity, request.getCode().name(), path,
                request.isConfirmable(), request.getMID(), request.getTokenString(),
                request.getOptions().hasContentFormat() ? request.getOptions().getContentFormat() : -1,
                request.getPayloadSize(), reply.code().text, reply.contentFormat(), reply.payload().length,
                reply.note()));
    }

    private static PskIdentity identityOf(Principal principal) {
        if (principal instanceof PreSharedKeyIdentity psk && IdentityParser.parse(psk.getIdentity())
                instanceof IdentityParseResult.Valid valid) {
            return valid.identity();
        }
        return null;
    }
}
