package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The one interface a vendor implements so the kit can drive their EnOS CoAP client.
 *
 * <p>Every method does what a device does and returns when done, throwing {@link ClientFailure}
 * when the client reports an error and {@link NotSupported} when it cannot do the thing at all (then
 * leave its {@link Capability} out of {@link #info()}: a purpose whose capability is not declared is
 * not applicable, while {@code NotSupported} from a declared capability fails the purpose).
 * The kit judges the client by what the mock server saw, not by what the adapter says, except
 * where a purpose is about what the client reports (the device secret, an error).
 *
 * <p>The kit calls an adapter from one thread at a time and closes it after each test.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
     * handshake with it. If the reconnect fails after the secret was read, throw a
     * {@link ClientFailure} that carries it as {@code deviceSecret}.
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
     * Reports the same measure points {@code count} times, each upload a new request, on one
     * session where the client keeps one (so the kit can see a new Message ID and token per
     * request, EC-1). The default calls {@link #reportMeasurePoints(ConnectionSpec, Map)}
     * {@code count} times and stops at the first failure.
     *
     * @return what the client saw for each upload
     */
    default List<PublishResult> reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints, int count)
            throws ClientFailure, NotSupported {
        List<PublishResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(reportMeasurePoints(spec, measurePoints));
        }
        return results;
    }

    /**
     * Reports a batch on {@code thing/measurepoint/post/batch} (EC-11): {@code params} is an array
     * with one {@code {"measurepoints":…,"time":ms}} entry per element of {@code batch}.
     * Needs {@link Capability#UPLINK_BATCH}.
     */
    default PublishResult reportMeasurePointBatch(ConnectionSpec spec, List<Map<String, Object>> batch)
            throws ClientFailure, NotSupported {
        throw new NotSupported(info().name() + " does not report measure point batches");
    }

    /**
     * Resumes offline measure points measured at {@code measuredAt} on {@code thing/measurepoint/resume}
     * (EC-11), with {@code params.time} = that instant in epoch milliseconds. Needs
     * {@link Capability#UPLINK_RESUME}.
     */
    default PublishResult resumeMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints, Instant measuredAt)
            throws ClientFailure, NotSupported {
        throw new NotSupported(info().name() + " does not resume offline measure points");
    }

    /**
     * Posts event {@code identifier} with {@code values} on {@code thing/event/{identifier}/post}
     * (EC-11). Needs {@link Capability#EVENT}.
     */
    default PublishResult postEvent(ConnectionSpec spec, String identifier, Map<String, Object> values)
            throws ClientFailure, NotSupported {
        throw new NotSupported(info().name() + " does not post events");
    }

    /** Updates attributes on {@code thing/attribute/update} (EC-11). Needs {@link Capability#ATTRIBUTE}. */
    default PublishResult updateAttributes(ConnectionSpec spec, Map<String, Object> attributes)
            throws ClientFailure, NotSupported {
        throw new NotSupported(info().name() + " does not update attributes");
    }

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
