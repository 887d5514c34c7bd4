package dev.enoscoap.mock.dtls;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityParser;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.security.Principal;
import java.util.Map;
import org.apiguardian.api.API;
import org.eclipse.californium.elements.auth.AdditionalInfo;
import org.eclipse.californium.elements.auth.ExtensiblePrincipal;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.auth.ApplicationLevelInfoSupplier;

/**
 * The PSK identity of a DTLS session, as Scandium hands it to the CoAP layer.
 *
 * <p>The identity is parsed once per handshake: the PSK store hands its parse to Scandium, which
 * attaches it to the session's principal through {@link #SUPPLIER}; every request then reads it
 * back instead of parsing the identity text again.
 */
@API(status = INTERNAL, since = "0.1")
public final class SessionIdentity {
    /** Key of the parsed identity in the principal's additional information. */
    static final String KEY = "enos.pskIdentity";

    /**
     * Attaches the parsed identity to the session's principal: the one the PSK store passed on, or,
     * for a resumed session (the store is not asked then), the identity text parsed once here.
     */
    static final ApplicationLevelInfoSupplier SUPPLIER = (principal, parsed) -> {
        PskIdentity identity = parsed instanceof PskIdentity p ? p : parse(text(principal));
        return identity == null ? null : AdditionalInfo.from(Map.of(KEY, identity));
    };

    private SessionIdentity() {
    }

    /** The identity text of a PSK session, or {@code null} for any other principal. */
    public static String text(Principal principal) {
        return principal instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }

    /** The parsed identity of a PSK session, or {@code null} if there is none or it is malformed. */
    public static PskIdentity of(Principal principal) {
        if (principal instanceof ExtensiblePrincipal<?> extensible) {
            PskIdentity attached = extensible.getExtendedInfo().get(KEY, PskIdentity.class);
            if (attached != null) {
                return attached;
            }
        }
        return parse(text(principal));
    }

    private static PskIdentity parse(String text) {
        return text != null && IdentityParser.parse(text) instanceof IdentityParseResult.Valid valid ? valid.identity()
                : null;
    }
}
