package dev.enoscoap.mock.dtls;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityParser;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.security.Principal;
import org.apiguardian.api.API;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/** The PSK identity of a DTLS session, as Scandium hands it to the CoAP layer. */
@API(status = INTERNAL, since = "0.1")
public final class SessionIdentity {
    private SessionIdentity() {
    }

    /** The identity text of a PSK session, or {@code null} for any other principal. */
    public static String text(Principal principal) {
        return principal instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }

    /** The parsed identity of a PSK session, or {@code null} if there is none or it is malformed. */
    public static PskIdentity of(Principal principal) {
        String text = text(principal);
        return text != null && IdentityParser.parse(text) instanceof IdentityParseResult.Valid valid ? valid.identity()
                : null;
    }
}
