package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges real devices by watching them on a running mock: the device connects on its own schedule,
 * the session attributes what the mock sees (journal and wire) to it, applies the stimuli of its
 * {@link ObservationPlan} stage by stage, and turns what the device does into a verdict per
 * purpose, one {@link ConformanceReport} per device.
 *
 * <pre>{@code
 * try (EnosMockServer mock = EnosMockServer.builder().bindAddress("0.0.0.0").port(5684).start();
 *      ObservationSession session = ObservationSession.builder().server(mock)
 *              .device("demoProduct/dev01").start()) {
 *     // power the device on, pointed at this machine
 *     ObservationResults results = session.awaitVerdicts(Duration.ofMinutes(15));
 *     ReportWriter.write(results.report(), Path.of("report"));
 * }
 * }</pre>
 *
 * <p>The session ends when every purpose has its verdict, or at its time limit (purposes still
 * waiting are then inconclusive). It runs on a thread of its own; the mock keeps serving every
 * other device. One session at a time judges a device ({@link dev.enoscoap.mock.fault.Faults#reserve}).
 * The mock must run on a real clock: retransmission and backoff timings are judged.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ObservationSession implements AutoCloseable {
    /** How long a session runs at most unless told otherwise. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(15);
    /** The capabilities a device is taken to have unless told otherwise. */
    public static final Set<Capability> DEFAULT_CAPABILITIES = Set.copyOf(EnumSet.of(Capability.DOWNLINK,
            Capability.SESSION_REUSE));
    private static final Logger LOG = LoggerFactory.getLogger(ObservationSession.class);
    private static final int QUEUE = 100_000;
    private static final long TICK_MILLIS = 200;

    private final EnosMockServer server;
    private final ObservationPlan plan;
    private final Duration timeLimit;
    private final ObservationListener listener;
    private final String clientName;
    private final String clientVersion;
    private final Instant started;
    private final List<DeviceWatch> watches = new ArrayList<>();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong overflow = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CompletableFuture<ObservationResults> done = new CompletableFuture<>();
    private final Thread thread;
    private volatile String stopWhen;

    private ObservationSession(Builder b, List<DeviceId> devices) {
        this.server = b.server;
        this.plan = b.plan;
        this.timeLimit = b.timeLimit;
        this.listener = b.listener;
        this.clientName = b.clientName;
        this.clientVersion = b.clientVersion;
        this.started = server.clock().instant();
        try {
            for (DeviceId d : devices) {
                resources.add(server.faults().reserve(d, "an observation session started at " + started + " (plan "
                        + plan.name() + ")"));
            }
        } catch (IllegalStateException e) {
            closeResources();
            throw new IllegalStateException("cannot observe " + devices + ": " + e.getMessage(), e);
        }
        for (DeviceId d : devices) {
            boolean hadSecret = server.registry().device(d).map(Device::hasSecret).orElse(false);
            watches.add(new DeviceWatch(this, d, hadSecret, plan, b.capabilities, devices.size() == 1, started));
        }
        resources.add(server.journal().subscribe(this::enqueue));
        resources.add(server.wire().onRequest(this::enqueue));
        resources.add(server.wire().onRecord(r -> {
            if (r.applicationData()) {
                enqueue(r);
            }
        }));
        this.thread = new Thread(this::run, "enos-observe-" + server.port());
        thread.setDaemon(true);
        thread.start();
    }

    /** A builder; {@link Builder#server} and at least one device are required. */
    public static Builder builder() {
        return new Builder();
    }

    private void enqueue(Object event) {
        if (!queue.offer(event)) {
            overflow.incrementAndGet();
        }
    }

    EnosMockServer server() {
        return server;
    }

    ObservationListener listener() {
        return listener;
    }

    Instant started() {
        return started;
    }

    /** The plan the session follows. */
    public ObservationPlan plan() {
        return plan;
    }

    /** The devices under observation. */
    public List<DeviceId> devices() {
        return watches.stream().map(DeviceWatch::device).toList();
    }

    /** When the session ends at the latest. */
    public Instant deadline() {
        return started.plus(timeLimit);
    }

    /** Whether every device has its verdicts. */
    public boolean finished() {
        return done.isDone();
    }

    /** The results, once the session has finished. */
    public Optional<ObservationResults> results() {
        return Optional.ofNullable(done.getNow(null));
    }

    /** Events the session could not keep up with (a device flooding the mock): counted, not judged. */
    public long eventsNotJudged() {
        return overflow.get() + watches.stream().mapToLong(w -> w.evidence().notKept).sum();
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        try {
            synchronized (this) {
                watches.forEach(DeviceWatch::start);
            }
            while (true) {
                Object first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                synchronized (this) {
                    if (first != null) {
                        dispatch(first);
                        batch.clear();
                        queue.drainTo(batch, 10_000);
                        batch.forEach(this::dispatch);
                    }
                    String when = stopWhen;
                    if (when == null && !server.clock().instant().isBefore(deadline())) {
                        when = "before the session's time limit of " + timeLimit.toSeconds() + " s ran out";
                    }
                    if (when != null) {
                        for (DeviceWatch w : watches) {
                            w.stop(when);
                        }
                        break;
                    }
                    watches.forEach(DeviceWatch::tick);
                    if (watches.stream().allMatch(DeviceWatch::finished)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                watches.forEach(w -> w.stop("before the session was interrupted"));
            }
        } catch (RuntimeException e) {
            LOG.error("observation session failed", e);
            synchronized (this) {
                watches.forEach(w -> w.stop("before the session failed: " + e));
            }
        } finally {
            closeResources();
            ObservationResults results;
            synchronized (this) {
                Map<DeviceId, ConformanceReport> reports = new LinkedHashMap<>();
                for (DeviceWatch w : watches) {
                    reports.put(w.device(), w.report(suite(w.device()), clientName, clientVersion));
                }
                results = new ObservationResults(reports);
            }
            try {
                listener.finished(results);
            } finally {
                done.complete(results);
            }
        }
    }

    private void dispatch(Object event) {
        for (DeviceWatch w : watches) {
            w.offer(event);
        }
    }

    private String suite(DeviceId device) {
        return "observation of " + device + " on " + server.coapsUri() + ", plan " + plan.name();
    }

    /**
     * Waits until every device has its verdicts, at most {@code max}; if the wait ends first, the
     * session ends then (purposes still waiting are inconclusive, saying so).
     */
    public ObservationResults awaitVerdicts(Duration max) {
        try {
            return done.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return stop("before the wait of " + max.toSeconds() + " s ended");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop("before the wait was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("observation session failed", e.getCause());
        }
    }

    /** Ends the session now; purposes still waiting are inconclusive. Returns the results. */
    public ObservationResults stop() {
        return stop("before the session was stopped");
    }

    private ObservationResults stop(String when) {
        if (stopWhen == null) {
            stopWhen = when;
        }
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the session stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the observation session did not stop", e);
        }
    }

    /** The session as it stands, for a page or a script. */
    public synchronized SessionSnapshot snapshot() {
        Instant now = server.clock().instant();
        List<SessionSnapshot.Device> devices = new ArrayList<>();
        ObservationResults results = done.getNow(null);
        for (DeviceWatch w : watches) {
            List<SessionSnapshot.Stage> stages = new ArrayList<>();
            for (int i = 0; i < w.stages().size(); i++) {
                PlanStage s = w.stages().get(i);
                stages.add(new SessionSnapshot.Stage(s.name(), s.stimulus().describe(), s.timeout().toSeconds(),
                        w.stageState(i)));
            }
            List<SessionSnapshot.Purpose> purposes = new ArrayList<>();
            for (DeviceWatch.Purpose p : w.purposes().values()) {
                purposes.add(new SessionSnapshot.Purpose(p.entry.id(), p.entry.level().name(), p.entry.clause(),
                        p.entry.title(), p.stage, p.state(), p.evidence, p.duration.toMillis() / 1000.0, p.prerequisite));
            }
            String gate = results == null ? null : results.report(w.device()).gatePassed() ? "PASSED" : "FAILED";
            devices.add(new SessionSnapshot.Device(w.device().toString(), w.stageName(), w.stageSecondsLeft(), stages,
                    purposes, w.journalLines(), gate));
        }
        long left = Math.max(0, Duration.between(now, deadline()).toSeconds());
        return new SessionSnapshot(server.coapsUri().toString(), plan.name(), started, now, results == null ? left : 0,
                results != null, results == null ? null : results.gatePassed() ? "PASSED" : "FAILED", devices);
    }

    /** Ends the session if it still runs, and waits for its thread. */
    @Override
    public void close() {
        if (!done.isDone()) {
            stop();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.debug("closing {}", r, e);
            }
        }
        resources.clear();
    }

    @Override
    public String toString() {
        return "ObservationSession[" + devices() + " on " + server.coapsUri() + ", plan " + plan.name() + "]";
    }

    /** Configures and starts an {@link ObservationSession}. */
    public static final class Builder {
        private EnosMockServer server;
        private final List<DeviceId> devices = new ArrayList<>();
        private final List<String> products = new ArrayList<>();
        private ObservationPlan plan;
        private Duration timeLimit = DEFAULT_TIME_LIMIT;
        private Set<Capability> capabilities = DEFAULT_CAPABILITIES;
        private ObservationListener listener = new ObservationListener() {
        };
        private String clientName;
        private String clientVersion;

        private Builder() {
        }

        /** The running mock whose devices are judged; it keeps serving every other device. */
        public Builder server(EnosMockServer server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** A device to judge; repeatable. */
        public Builder device(DeviceId device) {
            devices.add(Objects.requireNonNull(device, "device"));
            return this;
        }

        /** A device to judge, as {@code productKey/deviceKey}; repeatable. */
        public Builder device(String device) {
            return device(DeviceId.parse(device));
        }

        /** Every device of a product in the registry when the session starts; repeatable. */
        public Builder product(String productKey) {
            products.add(Objects.requireNonNull(productKey, "productKey"));
            return this;
        }

        /** The plan; default {@link ObservationPlan#defaultPlan()}. */
        public Builder plan(ObservationPlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /** How long the session runs at most; default {@link #DEFAULT_TIME_LIMIT}. */
        public Builder timeLimit(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("time limit must be positive, was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * What the device can do, beyond what every EnOS device must (SecureMode 2, measure points);
         * default {@link #DEFAULT_CAPABILITIES}. Purposes that need an undeclared capability are not
         * applicable, except optional uploads (batches, offline data, events, attributes), which are
         * judged when the device is seen making them. SecureMode 3 applies when the device has no
         * secret in the registry, so that it must activate.
         */
        public Builder capabilities(Collection<Capability> capabilities) {
            this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
            return this;
        }

        /** Hears of stages, stimuli and verdicts as they happen. */
        public Builder listener(ObservationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The device's name and version in the report; default its device id and {@code unknown}. */
        public Builder client(String name, String version) {
            this.clientName = name;
            this.clientVersion = version;
            return this;
        }

        /**
         * Starts watching. Only what arrives from now on is judged, so start the session before the
         * device connects (a device that is already connected is judged from its next handshake on).
         *
         * @throws IllegalArgumentException naming the input and the rule: no device, a device not in
         *         the registry or given twice, a product without devices, a mock on a virtual clock
         * @throws IllegalStateException if a device is judged by another session already
         */
        public ObservationSession start() {
            Objects.requireNonNull(server, "server: the mock to watch");
            if (!server.isRunning()) {
                throw new IllegalArgumentException("the mock " + server.coapsUri() + " is not running");
            }
            if (server.clock() instanceof VirtualClock) {
                throw new IllegalArgumentException("the mock runs on a virtual clock; an observation session judges real "
                        + "timings (retransmissions, backoff, Lifetime), so start the mock on the system clock");
            }
            List<DeviceId> all = resolve(server.registry());
            if (plan == null) {
                plan = ObservationPlan.defaultPlan();
            }
            return new ObservationSession(this, all);
        }

        /**
         * The devices this builder names, looked up in {@code registry}: every device given, and
         * every device of each product given. Lets a caller check its input before it starts a mock.
         *
         * @throws IllegalArgumentException naming the device or product and the rule: not in the
         *         registry, given twice, a product without devices, or nothing to judge
         */
        public List<DeviceId> resolve(dev.enoscoap.mock.registry.Registry registry) {
            Set<DeviceId> all = new LinkedHashSet<>();
            for (DeviceId d : devices) {
                if (registry.device(d).isEmpty()) {
                    throw new IllegalArgumentException("device '" + d + "' is not in registry " + registry.source()
                            + ": a session judges registered devices (EC-4); " + known(registry, d.productKey()));
                }
                if (!all.add(d)) {
                    throw new IllegalArgumentException("device '" + d + "' is given twice; each device is judged once");
                }
            }
            for (String pk : products) {
                if (registry.product(pk).isEmpty()) {
                    throw new IllegalArgumentException("product '" + pk + "' is not in registry " + registry.source()
                            + "; its products: " + registry.products().stream().map(p -> p.productKey()).toList());
                }
                List<DeviceId> of = registry.devices().stream().map(Device::id)
                        .filter(d -> d.productKey().equals(pk)).toList();
                if (of.isEmpty()) {
                    throw new IllegalArgumentException("product '" + pk + "' has no devices in registry "
                            + registry.source());
                }
                all.addAll(of);
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no device to judge: name one (device) or a product (product)");
            }
            return List.copyOf(all);
        }

        private static String known(dev.enoscoap.mock.registry.Registry registry, String productKey) {
            List<String> of = registry.devices().stream().map(Device::id)
                    .filter(d -> d.productKey().equals(productKey)).map(DeviceId::toString).limit(20).toList();
            return of.isEmpty() ? "the registry has no product '" + productKey + "'" : "product '" + productKey
                    + "' has " + of;
        }
    }
}
