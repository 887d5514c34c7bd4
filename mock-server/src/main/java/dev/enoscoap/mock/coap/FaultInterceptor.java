package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.dtls.SessionIdentity;
import dev.enoscoap.mock.protocol.PskIdentity;
import org.apiguardian.api.API;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Drops requests a fault asks to drop, before deduplication, so the client's retransmission is
 * seen as new and answered.
 */
@API(status = INTERNAL, since = "0.1")
public final class FaultInterceptor extends MessageInterceptorAdapter {
    private final Faults faults;

    public FaultInterceptor(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void receiveRequest(Request request) {
        if (!faults.dropsPending()) {
            return;
        }
        PskIdentity identity = SessionIdentity.of(request.getSourceContext().getPeerIdentity());
        if (identity == null) {
            return;
        }
        FaultEntry.Request dropped = new FaultEntry.Request(request.getCode().name(),
                "/" + request.getOptions().getUriPathString(), request.getMID(), request.getTokenString());
        if (faults.takeTransmissionDrop(identity.device(), request.getSourceContext().getPeerAddress(),
                request.isConfirmable(), dropped) || faults.takeDrop(identity.device(), dropped)) {
            request.setCanceled(true);
        }
    }
}
