package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.dtls.SessionIdentity;
import dev.enoscoap.mock.wire.WireTap;
import java.util.Arrays;
import org.apiguardian.api.API;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Hands every request transmission to the {@link WireTap}, before deduplication; added after the
 * {@link FaultInterceptor}, so a request it dropped is marked dropped.
 */
@API(status = INTERNAL, since = "0.1")
public final class WireTapInterceptor extends MessageInterceptorAdapter {
    private final WireTap wire;

    public WireTapInterceptor(WireTap wire) {
        this.wire = wire;
    }

    @Override
    public void receiveRequest(Request request) {
        if (!wire.wantsRequests()) {
            return;
        }
        byte[] payload = request.getPayload();
        wire.request(request.getSourceContext().getPeerAddress(),
                SessionIdentity.of(request.getSourceContext().getPeerIdentity()), request.getCode().name(),
                "/" + String.join("/", request.getOptions().getUriPath()), request.isConfirmable(), request.getMID(),
                request.getTokenString(), payload == null ? 0 : payload.length,
                payload == null ? 0 : Arrays.hashCode(payload), request.isCanceled());
    }
}
