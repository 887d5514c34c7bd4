package dev.enoscoap.conformance.cli;

import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Lifetime;
import dev.enoscoap.mock.protocol.LogText;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code enos-coap-conformance reference-device}: runs the kit's {@link ReferenceDevice} against a
 * server until stopped, so that an observation session can be tried without hardware.
 */
@Command(name = "reference-device", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ConformanceRunner.Version.class,
        description = {"Runs the kit's reference device (Californium and Scandium) against an EnOS CoAP/DTLS server "
                + "until Ctrl-C: it activates if it has no device secret, reports every few seconds, follows commands "
                + "and handshakes again when its session is lost.",
            "Exit codes: 0 stopped; 2 bad options."})
final class ReferenceDeviceCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URI", defaultValue = "coaps://127.0.0.1:5684",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--device", paramLabel = "PK/DK", required = true,
            description = "The device it is, productKey/deviceKey.")
    String device;

    @Option(names = "--device-secret", paramLabel = "SECRET", description = "Its device secret, if it has one.")
    String deviceSecret;

    @Option(names = "--product-secret", paramLabel = "SECRET",
            description = "Its product secret, to activate in SecureMode 3 when it has no device secret.")
    String productSecret;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Keeps the device secret from activation across restarts (read first when present).")
    Path secretFile;

    @Option(names = "--lifetime", paramLabel = "SECONDS", defaultValue = "60",
            description = "Lifetime in its identity, 30..86400 (default: ${DEFAULT-VALUE}).")
    int lifetime;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between reports (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long duration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Lifetime.isAllowed(lifetime)) {
            throw new ParameterException(spec.commandLine(), "--lifetime " + lifetime + " is outside "
                    + Lifetime.MIN_SECONDS + ".." + Lifetime.MAX_SECONDS + " s (EC-7)");
        }
        if (interval < 0 || duration < 0) {
            throw new ParameterException(spec.commandLine(), "--interval and --duration must not be negative");
        }
        ReferenceDevice d;
        try {
            d = ReferenceDevice.builder().server(server).device(DeviceId.parse(device)).deviceSecret(deviceSecret)
                    .productSecret(productSecret).secretFile(secretFile).lifetime(lifetime)
                    .interval(Duration.ofSeconds(interval))
                    .events(e -> {
                        synchronized (out) {
                            out.println(TIME.format(LocalTime.now()) + " " + LogText.escape(e));
                            out.flush();
                        }
                    }).start();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        out.printf("reference device %s -> %s (Lifetime %d s, a report every %d s); Ctrl-C stops it%n",
                LogText.escape(device), server, lifetime, interval);
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            d.close();
        }, "enos-reference-device-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (duration > 0) {
                stop.await(duration, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        d.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down
        }
        out.printf("stopped after %d uploads and %d commands%n", d.reports(), d.commandsAnswered());
        out.flush();
        return 0;
    }
}
