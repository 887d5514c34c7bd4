package dev.enoscoap.mock.persist;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the devices file of a state directory over and over, each time one device more, until it
 * is killed: {@code java StateWriterMain DIR}. Prints {@code writing} once it has started.
 */
public final class StateWriterMain {
    private StateWriterMain() {
    }

    public static void main(String[] args) {
        StateDirectory state = StateDirectory.open(Path.of(args[0]));
        List<Device> devices = new ArrayList<>();
        boolean announced = false;
        for (int i = 0; ; i++) {
            devices.add(device(i));
            state.writeDevices(devices);
            if (!announced) {
                System.out.println("writing");
                System.out.flush();
                announced = true;
            }
        }
    }

    /** The {@code i}-th device written, so a reader can check every entry. */
    static Device device(int i) {
        return new Device(new DeviceId("pk", "dev-" + i), "secret-" + i + "-" + "s".repeat(i % 200), "asset-" + i, true,
                true, Device.Origin.AUTO_REGISTERED);
    }
}
