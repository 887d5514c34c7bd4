package dev.enoscoap.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** The client side of every measurement: threads of {@link RawClient}s driving one server. */
final class Load {
    private static final int CHANGED = 0x44;

    private final ScheduledExecutorService shared;

    Load(ScheduledExecutorService shared) {
        this.shared = shared;
    }

    /**
     * What one measurement saw.
     *
     * @param ops answered with 2.04 in the window
     * @param failures not answered, or answered with anything else
     * @param seconds the window
     * @param cpuNanos the server's CPU time in the window
     * @param p50Micros median latency
     * @param p99Micros 99th percentile latency
     */
    record Sample(long ops, long failures, double seconds, long cpuNanos, long p50Micros, long p99Micros) {
        double perSecond() {
            return ops / seconds;
        }

        /** Server CPU per operation, in microseconds. */
        double cpuMicrosPerOp() {
            return ops == 0 ? Double.NaN : cpuNanos / 1_000.0 / ops;
        }
    }

    /**
     * Full handshakes, each followed by one uplink, from {@code connectors} clients in parallel;
     * every client keeps its address and drops its session before each handshake.
     */
    Sample handshakes(ServerProcess server, int connectors, int firstDevice, Duration window) throws Exception {
        return run(server, connectors, firstDevice, window, true);
    }

    /** Confirmable uplinks on {@code sessions} established sessions in parallel, one in flight on each. */
    Sample posts(ServerProcess server, int sessions, int firstDevice, Duration window) throws Exception {
        return run(server, sessions, firstDevice, window, false);
    }

    private Sample run(ServerProcess server, int clients, int firstDevice, Duration window, boolean handshake)
            throws Exception {
        InetSocketAddress address = server.address();
        List<RawClient> list = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                int device = firstDevice + i;
                RawClient c = new RawClient(address, Devices.identity(device), Devices.pskKey(device), shared);
                list.add(c);
                if (c.exchange(Devices.uplink(device)) != CHANGED) {
                    throw new IllegalStateException(server.kind().label() + " server did not answer the first uplink of device "
                            + device + "; its warnings: " + server.problems());
                }
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong failures = new AtomicLong();
            long[][] latencies = new long[clients][];
            int[] counts = new int[clients];
            List<Thread> threads = new ArrayList<>();
            long[] end = new long[1];
            for (int i = 0; i < clients; i++) {
                int n = i;
                RawClient c = list.get(i);
                byte[] uplink = Devices.uplink(firstDevice + i);
                Thread t = new Thread(() -> {
                    long[] lat = new long[4_096];
                    int count = 0;
                    try {
                        go.await();
                        long deadline = System.nanoTime() + window.toNanos();
                        while (System.nanoTime() < deadline) {
                            if (handshake) {
                                c.forget();
                            }
                            long t0 = System.nanoTime();
                            int code = c.exchange(uplink);
                            long t1 = System.nanoTime();
                            if (code == CHANGED) {
                                if (count == lat.length) {
                                    lat = Arrays.copyOf(lat, lat.length * 2);
                                }
                                lat[count++] = t1 - t0;
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    latencies[n] = lat;
                    counts[n] = count;
                }, "bench-load-" + i);
                threads.add(t);
                t.start();
            }
            long cpu0 = server.cpuNanos();
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            end[0] = System.nanoTime();
            long cpu1 = server.cpuNanos();
            long total = 0;
            for (int c : counts) {
                total += c;
            }
            long[] all = new long[(int) total];
            int k = 0;
            for (int i = 0; i < clients; i++) {
                System.arraycopy(latencies[i], 0, all, k, counts[i]);
                k += counts[i];
            }
            Arrays.sort(all);
            return new Sample(total, failures.get(), (end[0] - t0) / 1e9, cpu1 - cpu0, percentile(all, 50),
                    percentile(all, 99));
        } finally {
            list.forEach(RawClient::close);
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))] / 1_000;
    }

    /**
     * Opens {@code count} sessions, each from its own client address, sends one message on each
     * ({@code message.apply(device)}) and walks away without closing: the server keeps them all.
     *
     * @return how many were not answered as expected
     */
    long sessions(ServerProcess server, int count, int threads, IntFunction<byte[]> message, int expectedCode)
            throws InterruptedException {
        InetSocketAddress address = server.address();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try (RawClient c = new RawClient(address, Devices.identity(i), Devices.pskKey(i), shared)) {
                        if (c.exchange(message.apply(i)) != expectedCode) {
                            failures.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-sessions-" + t);
            list.add(thread);
            thread.start();
        }
        for (Thread t : list) {
            t.join();
        }
        return failures.get();
    }

    /** What a soak of full handshakes saw. */
    record Soak(long handshakes, long failures, double seconds, boolean stalled, long newDeviceMillis, int newDeviceCode) {
    }

    /**
     * {@code total} full handshakes (each with one uplink) from {@code addresses} clients that keep
     * their address, then one handshake of a device not seen before, from a new address. Stops
     * early when a client gets no answer 3 times in a row (9 s: the server stalled).
     */
    Soak soak(ServerProcess server, int addresses, long total, int newDevice, java.io.PrintStream progress)
            throws Exception {
        InetSocketAddress address = server.address();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stalled = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        long step = Math.max(1, total / 10);
        long t0 = System.nanoTime();
        for (int a = 0; a < addresses; a++) {
            int device = a;
            Thread t = new Thread(() -> {
                byte[] uplink = Devices.uplink(device);
                try (RawClient c = new RawClient(address, Devices.identity(device), Devices.pskKey(device), shared)) {
                    int inARow = 0;
                    while (!stalled.get() && done.get() < total) {
                        c.forget();
                        if (c.exchange(uplink) == CHANGED) {
                            inARow = 0;
                            long n = done.incrementAndGet();
                            if (n % step == 0) {
                                progress.printf("  %s soak: %d handshakes, %.0f s%n", server.kind().label(), n,
                                        (System.nanoTime() - t0) / 1e9);
                            }
                        } else {
                            failures.incrementAndGet();
                            if (++inARow >= 3) {
                                stalled.set(true);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-soak-" + a);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long start = System.nanoTime();
        int code;
        try (RawClient c = new RawClient(address, Devices.identity(newDevice), Devices.pskKey(newDevice), shared)) {
            code = c.exchange(Devices.uplink(newDevice));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Soak(done.get(), failures.get(), seconds, stalled.get(), millis, code);
    }

    /** One sample of a sustained run. */
    record Tick(double atSeconds, double perSecond, long failures, long gcCount, long gcMillis, long usedBytes,
            long committedBytes, long maxAfterGcBytes, long liveBytes, boolean outOfMemory) {
    }

    /**
     * Uplinks at {@code rate} per second in total over {@code sessions} sessions for
     * {@code duration}, sampling the server's heap and collections every {@code every}.
     */
    List<Tick> sustained(ServerProcess server, int sessions, int rate, Duration duration, Duration every,
            java.io.PrintStream progress) throws Exception {
        InetSocketAddress address = server.address();
        List<RawClient> clients = new ArrayList<>();
        AtomicLong ops = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                RawClient c = new RawClient(address, Devices.identity(i), Devices.pskKey(i), shared);
                clients.add(c);
                c.exchange(Devices.uplink(i));
            }
            long intervalNanos = 1_000_000_000L * sessions / rate;
            long t0 = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                RawClient c = clients.get(i);
                byte[] uplink = Devices.uplink(i);
                long offset = intervalNanos * i / sessions;
                Thread t = new Thread(() -> {
                    long next = t0 + offset;
                    try {
                        while (!stop.get()) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } else if (wait < -100_000_000L) {
                                next = System.nanoTime(); // far behind: do not burst to catch up
                            }
                            next += intervalNanos;
                            if (c.exchange(uplink) == CHANGED) {
                                ops.incrementAndGet();
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-sustained-" + i);
                threads.add(t);
                t.start();
            }
            long lastOps = 0;
            long lastFailures = 0;
            int liveSamples = 0;
            long lastAt = t0;
            server.gc();
            while (System.nanoTime() - t0 < duration.toNanos()) {
                Thread.sleep(Math.min(every.toMillis(), Math.max(1, (duration.toNanos() - (System.nanoTime() - t0)) / 1_000_000)));
                long now = System.nanoTime();
                long o = ops.get();
                long f = failures.get();
                long[] gc;
                long live = -1;
                try {
                    gc = server.gc();
                    // The live set, with one full collection, a few times a run: a third in, two thirds in, at the end.
                    double at = (now - t0) / (double) duration.toNanos();
                    if (liveSamples < 3 && at >= (liveSamples + 1) / 3.0 - 1e-3) {
                        live = server.liveHeap();
                        liveSamples++;
                    }
                } catch (java.io.IOException e) {
                    gc = new long[] {-1, -1, -1, -1, -1, -1};
                }
                Tick tick = new Tick((now - t0) / 1e9, (o - lastOps) / ((now - lastAt) / 1e9), f - lastFailures, gc[0], gc[1],
                        gc[2], gc[3], gc[5], live, server.outOfMemory());
                ticks.add(tick);
                progress.printf("  %s sustained %4.0f s: %6.0f/s, %d failed, heap %5.1f MiB (max after GC %5.1f MiB%s), "
                        + "%d GCs %d ms%s%n", server.kind().label(), tick.atSeconds(), tick.perSecond(), tick.failures(),
                        tick.usedBytes() / 1048576.0, tick.maxAfterGcBytes() / 1048576.0,
                        live >= 0 ? String.format(java.util.Locale.ROOT, ", live after a full GC %.1f MiB", live / 1048576.0) : "",
                        tick.gcCount(), tick.gcMillis(), tick.outOfMemory() ? " OUT OF MEMORY" : "");
                lastOps = o;
                lastFailures = f;
                lastAt = now;
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
            clients.forEach(RawClient::close);
        }
        return ticks;
    }
}
