package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * How much the mock keeps of what devices report, per device and in total, so that no device (and
 * no number of devices) can make it run out of memory.
 *
 * @param measurePointsPerDevice distinct measure point identifiers kept per device; an uplink that
 *        would add more is refused with reply code 1204
 * @param attributesPerDevice distinct attributes kept per device; an update that would add more is
 *        refused with reply code 1204
 * @param eventsPerDevice events kept per device; the oldest are dropped
 * @param historyPerDevice accepted uplinks kept per device; the oldest are dropped
 * @param totalBytes all of it together, as stored (compact JSON bytes plus a fixed overhead per
 *        item); history and events are dropped oldest first to make room, and when the latest
 *        values alone fill it an uplink is refused with reply code 1008
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DataLimits(int measurePointsPerDevice, int attributesPerDevice, int eventsPerDevice,
        int historyPerDevice, long totalBytes) {

    /** The defaults: 1,000 measure points, attributes, events and uplinks per device; 64 MiB in total. */
    public static final DataLimits DEFAULTS = new DataLimits(1_000, 1_000, 1_000, 1_000, 64L * 1024 * 1024);

    public DataLimits {
        positive("measure points per device", measurePointsPerDevice);
        positive("attributes per device", attributesPerDevice);
        positive("events per device", eventsPerDevice);
        positive("history per device", historyPerDevice);
        if (totalBytes < 64 * 1024) {
            throw new IllegalArgumentException("total bytes of device data must be at least 65536, was " + totalBytes);
        }
    }

    private static void positive(String what, long n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + n);
        }
    }

    /** These limits with another number of measure points per device. */
    public DataLimits withMeasurePointsPerDevice(int n) {
        return new DataLimits(n, attributesPerDevice, eventsPerDevice, historyPerDevice, totalBytes);
    }

    /** These limits with another number of attributes per device. */
    public DataLimits withAttributesPerDevice(int n) {
        return new DataLimits(measurePointsPerDevice, n, eventsPerDevice, historyPerDevice, totalBytes);
    }

    /** These limits with another number of events per device. */
    public DataLimits withEventsPerDevice(int n) {
        return new DataLimits(measurePointsPerDevice, attributesPerDevice, n, historyPerDevice, totalBytes);
    }

    /** These limits with another number of uplinks kept per device. */
    public DataLimits withHistoryPerDevice(int n) {
        return new DataLimits(measurePointsPerDevice, attributesPerDevice, eventsPerDevice, n, totalBytes);
    }

    /** These limits with another total. */
    public DataLimits withTotalBytes(long bytes) {
        return new DataLimits(measurePointsPerDevice, attributesPerDevice, eventsPerDevice, historyPerDevice, bytes);
    }
}
