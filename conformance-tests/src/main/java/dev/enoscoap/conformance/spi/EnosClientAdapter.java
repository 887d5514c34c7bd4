package dev.enoscoap.conformance.spi;

import java.util.List;
import java.util.Map;

/**
 * The one interface a vendor implements so the kit can drive their EnOS CoAP client.
 *
 * <p>Every method does what a device does and returns when done, throwing {@link ClientFailure}
 * when the client reports an error and {@link NotSupported} when it cannot do the thing at all.
 * The kit judges the client by what the mock server saw, not by what the adapter says, except
 * where a purpose is about what the client reports (the device secret, an error).
 *
 * <p>The kit calls an adapter from one thread at a time and closes it after each test.
 */
public interface EnosClientAdapter extends AutoCloseable {

    /** Who the client is and what it can do. */
    ClientInfo info();

    /**
     * Connects as {@code spec} says: builds the identity, derives the key, and completes a DTLS
     * handshake (a client that handshakes only on its first request may send one, e.g. a CoAP ping).
     * A client that keeps sessions keeps this one for later calls with the same device.
     *
     * @throws ClientFailure if the client refuses the parameters or the handshake fails
     */
    void connect(ConnectionSpec spec) throws ClientFailure, NotSupported;

    /**
     * Activates as a device with a product secret does (EC-8 to EC-10): SecureMode 3 handshake,
     * the activation request, the device secret taken from the answer, and a new SecureMode 2
     * handshake with it.
     *
     * @param spec SecureMode 3 with the product secret
     * @return the device secret the client took from the answer
     * @throws ClientFailure if the client reports that activation failed
     */
    String activate(ConnectionSpec spec) throws ClientFailure, NotSupported;

    /**
     * Reports measure points on {@code thing/measurepoint/post} of the device's SecureMode 2
     * session, framing the EnOS body itself (EC-11). A client with {@link Capability#DOWNLINK}
     * remembers option 2100 from the response for {@link #answerCommands}.
     *
     * @throws ClientFailure if the client reports an error, including an application error code
     */
    PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints)
            throws ClientFailure, NotSupported;

    /**
     * Fetches and answers, with code 200, every command announced to the device by option 2100
     * (EC-12).
     *
     * @return the ids of the commands answered
     */
    default List<String> answerCommands(ConnectionSpec spec) throws ClientFailure, NotSupported {
        throw new NotSupported(info().name() + " does not handle downlink commands");
    }

    /** Closes every session the adapter holds. */
    @Override
    void close();
}
