package dev.enoscoap.mock.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.forward.ForwardingOptions;
import dev.enoscoap.mock.protocol.DeviceId;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;

/**
 * Throughput, latency and memory of the mock, as ratios within one run (the machines are
 * shared and noisy, so absolute figures are shown but only ratios are compared). Not part of
 * {@code mvn verify}; run it with
 * {@code mvn -pl mock-server test -Dtest=MockServerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results go to standard output and {@code mock-server/target/benchmark.md}.
 */
class MockServerBenchmark {
    private static final int DEVICES = 16;
    private static final int UPLINKS_PER_DEVICE = 150;
    private static final int THREADS = 8;
    private static final int ROUNDS = 3;

    private record Result(String scenario, double perSecond, long p50Micros, long p99Micros) {
    }

    @Test
    void run() throws Exception {
        HttpServer business = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        business.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        business.setExecutor(Executors.newFixedThreadPool(2));
        business.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI up = URI.create("http://127.0.0.1:" + business.getAddress().getPort() + "/hook");
        URI down = URI.create("http://127.0.0.1:" + closedPort + "/hook");

        List<String> scenarios = List.of("no forwarding", "forwarding to a live server", "forwarding to a down server");
        List<UnaryOperator<EnosMockServer.Builder>> configs = List.of(
                b -> b,
                b -> b.forwardTo(up),
                b -> b.forwardTo(down).forwarding(ForwardingOptions.defaults()
                        .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(200))));
        List<List<Result>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                results.add(uplinks(scenarios.get(i), configs.get(i)));
            }
            results.add(handshakes());
            rounds.add(results);
        }
        long perSession = bytesPerSession(400);
        business.stop(0);

        StringBuilder md = new StringBuilder("| scenario | per second | p50 µs | p99 µs | ratio to first |\n|---|---|---|---|---|\n");
        List<Result> last = rounds.get(rounds.size() - 1);
        for (int i = 0; i < last.size(); i++) {
            int index = i;
            double median = median(rounds.stream().mapToDouble(r -> r.get(index).perSecond()).toArray());
            double base = median(rounds.stream().mapToDouble(r -> r.get(0).perSecond()).toArray());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %s |%n", last.get(i).scenario(), median,
                    last.get(i).p50Micros(), last.get(i).p99Micros(),
                    i < 3 ? String.format(Locale.ROOT, "%.2f", median / base) : "-"));
        }
        md.append(String.format(Locale.ROOT, "%nHeap per established DTLS session (400 sessions): about %.1f KiB%n",
                perSession / 1024.0));
        md.append(String.format(Locale.ROOT, "%n%d devices x %d uplinks on %d threads, median of %d rounds; Java %s, %d cores%n",
                DEVICES, UPLINKS_PER_DEVICE, THREADS, ROUNDS, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        System.out.println(md);
        Files.writeString(Path.of("target", "benchmark.md"), md);
    }

    private static Result uplinks(String scenario, UnaryOperator<EnosMockServer.Builder> config) throws Exception {
        try (EnosMockServer server = config.apply(EnosMockServer.builder().journalCapacity(1_000)).start()) {
            List<TestDevice> devices = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                DeviceId id = new DeviceId("demoProduct", "bench-" + d);
                server.registry().register(id, "bench-secret-" + d, null);
                TestDevice device = TestDevice.of(server, id.productKey() + "," + id.deviceKey() + ",2,300", "bench-secret-" + d);
                assertThat(device.get("/warm-up")).isNotNull();
                devices.add(device);
            }
            long[] latencies = new long[DEVICES * UPLINKS_PER_DEVICE];
            AtomicInteger slot = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                TestDevice device = devices.get(d);
                String path = "/topic/sys/demoProduct/bench-" + d + "/thing/measurepoint/post";
                work.add(pool.submit(() -> {
                    for (int i = 0; i < UPLINKS_PER_DEVICE; i++) {
                        long t0 = System.nanoTime();
                        CoapResponse r = device.post(path, "{\"id\":\"" + i + "\",\"version\":\"1.0\",\"method\":"
                                + "\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"t\":" + i + "}}}");
                        latencies[slot.getAndIncrement()] = System.nanoTime() - t0;
                        assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            devices.forEach(TestDevice::close);
            Arrays.sort(latencies);
            return new Result("uplinks, " + scenario, latencies.length / (elapsed / 1e9),
                    latencies[latencies.length / 2] / 1_000, latencies[latencies.length * 99 / 100] / 1_000);
        }
    }

    private static Result handshakes() throws Exception {
        int count = 120;
        try (EnosMockServer server = EnosMockServer.builder().start()) {
            long[] latencies = new long[count];
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
                        assertThat(device.get("/x")).isNotNull();
                    }
                    latencies[n] = System.nanoTime() - t0;
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            Arrays.sort(latencies);
            return new Result("handshake + request, new client each", count / (elapsed / 1e9),
                    latencies[count / 2] / 1_000, latencies[count * 99 / 100] / 1_000);
        }
    }

    private static long bytesPerSession(int sessions) throws Exception {
        try (EnosMockServer server = EnosMockServer.builder().journalCapacity(100).start()) {
            long before = usedHeap();
            List<TestDevice> devices = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01");
                assertThat(device.get("/x")).isNotNull();
                devices.add(device);
            }
            // Client endpoints live in this JVM too: close them, so what stays is the server's.
            devices.forEach(TestDevice::close);
            long after = usedHeap();
            return Math.max(0, after - before) / sessions;
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
