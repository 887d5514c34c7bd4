package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The client reported an error (e.g. the handshake failed, the server answered an error). Its
 * message is evidence in the report: say what the client said. What the client had reported
 * before it failed (e.g. the device secret it took from an activation answer before its
 * reconnect failed) can be attached, so the verdict blames the right step.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ClientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> reported;

    public ClientFailure(String message) {
        this(message, Map.of());
    }

    public ClientFailure(String message, Throwable cause) {
        super(message, cause);
        this.reported = Map.of();
    }

    /**
     * @param message what the client said
     * @param reported what it had reported before it failed, e.g. {@code deviceSecret}
     */
    public ClientFailure(String message, Map<String, String> reported) {
        super(message);
        this.reported = Map.copyOf(reported);
    }

    /** A value the client reported before it failed, e.g. {@code deviceSecret}. */
    public Optional<String> reported(String key) {
        return Optional.ofNullable(reported.get(key));
    }
}
