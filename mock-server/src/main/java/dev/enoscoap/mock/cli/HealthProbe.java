package dev.enoscoap.mock.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import org.apiguardian.api.API;

/**
 * A health check for containers, which have a JVM but not necessarily curl:
 * {@code java -cp enos-coap-mock-server.jar dev.enoscoap.mock.cli.HealthProbe [URL]} exits 0 when
 * {@code URL} (default {@code http://127.0.0.1:8684/ready}) answers 200 within 3 seconds, else 1.
 */
@API(status = INTERNAL, since = "0.1")
public final class HealthProbe {
    /** The readiness route of an admin endpoint on its usual port. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8684/ready";

    private HealthProbe() {
    }

    /** Probes and exits. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : DEFAULT_URL;
        int status;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(3_000);
            c.setReadTimeout(3_000);
            status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                System.out.println(url + " " + status + " " + (in == null ? "" : new String(in.readNBytes(512),
                        java.nio.charset.StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException | IllegalArgumentException e) {
            System.out.println(url + " unreachable: " + e);
            status = -1;
        }
        System.exit(status == 200 ? 0 : 1);
    }
}
