package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import org.apiguardian.api.API;

/**
 * Scripted faults of the server a test runs against, for the injected {@link DeviceCredentials}
 * (or a {@link DeviceId}): every fault applied is in the journal
 * ({@code server.journal().faults()}, {@code hasFault(dev, kind)}).
 *
 * <pre>{@code
 * server.faults().dropNextRequests(dev, 2);      // no response, no ACK: the client must retransmit
 * server.faults().refuseNextHandshake(dev);      // refused like an unknown identity
 * server.faults().forgetSession(dev);            // DTLS state dropped silently: the client must handshake again
 * server.faults().overrideUplink(dev, "thing.measurepoint.post", ResponseOverride.json("5.00", "{}"));
 * }</pre>
 *
 * <p>Faults belong to the whole server and stay until used up: on a server other tests share, give
 * the test its own device ({@link FreshDevice @FreshDevice}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TestFaults {
    private final Faults faults;

    TestFaults(Faults faults) {
        this.faults = faults;
    }

    /**
     * Scripts the response to requests on {@code path}, e.g.
     * {@code /topic/sys/pk/dk/thing/measurepoint/post} (the leading {@code /topic} may be left out).
     */
    public TestFaults overrideResponse(String path, ResponseOverride override) {
        faults.overrideResponse(path, override);
        return this;
    }

    /** Scripts the response to the device's uplinks of the EnOS method, e.g. {@code thing.measurepoint.post} (EC-11). */
    public TestFaults overrideUplink(DeviceCredentials device, String enosMethod, ResponseOverride override) {
        faults.overrideResponse(Topics.uplinkPathOfMethod(device.id(), enosMethod), override);
        return this;
    }

    /** Drops the next {@code n} requests of the device without any response or ACK. */
    public TestFaults dropNextRequests(DeviceCredentials device, int n) {
        return dropNextRequests(device.id(), n);
    }

    /** Drops the next {@code n} requests of the device without any response or ACK. */
    public TestFaults dropNextRequests(DeviceId device, int n) {
        faults.dropNextRequests(device, n);
        return this;
    }

    /** Refuses the next handshake of the device, as an unknown identity is refused. */
    public TestFaults refuseNextHandshake(DeviceCredentials device) {
        return refuseNextHandshakes(device.id(), 1);
    }

    /** Refuses the next handshake of the device, as an unknown identity is refused. */
    public TestFaults refuseNextHandshake(DeviceId device) {
        return refuseNextHandshakes(device, 1);
    }

    /** Refuses the next {@code n} handshakes of the device. */
    public TestFaults refuseNextHandshakes(DeviceCredentials device, int n) {
        return refuseNextHandshakes(device.id(), n);
    }

    /** Refuses the next {@code n} handshakes of the device. */
    public TestFaults refuseNextHandshakes(DeviceId device, int n) {
        faults.refuseNextHandshakes(device, n);
        return this;
    }

    /**
     * Forgets the device's DTLS connections and sessions now, without telling it: its next record
     * is dropped and it must handshake again.
     */
    public TestFaults forgetSession(DeviceCredentials device) {
        return forgetSession(device.id());
    }

    /** Forgets the device's DTLS connections and sessions now, without telling it. */
    public TestFaults forgetSession(DeviceId device) {
        faults.forgetSession(device);
        return this;
    }

    /** Removes every scripted fault not yet applied, of every device on the server. */
    public void clear() {
        faults.clear();
    }

    @Override
    public String toString() {
        return "TestFaults[" + faults + "]";
    }
}
