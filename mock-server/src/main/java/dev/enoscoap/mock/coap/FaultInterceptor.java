package dev.enoscoap.mock.coap;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityParser;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Drops requests a fault asks to drop, before deduplication, so the client's retransmission is
 * seen as new and answered.
 */
public final class FaultInterceptor extends MessageInterceptorAdapter {
    private final Faults faults;

    public FaultInterceptor(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void receiveRequest(Request request) {
        if (request.getSourceContext().getPeerIdentity() instanceof PreSharedKeyIdentity psk
                && IdentityParser.parse(psk.getIdentity()) instanceof IdentityParseResult.Valid valid
                && faults.takeDrop(valid.identity().device(), request.getCode() + " /"
                        + request.getOptions().getUriPathString() + " mid=" + request.getMID())) {
            request.setCanceled(true);
        }
    }
}
