package dev.enoscoap.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The entry point of every child JVM the benchmark starts: {@code mock ARGS} runs the standalone
 * mock ({@code MockServerCommand}, exactly as {@code java -jar} does), {@code bare ARGS} the bare
 * Californium server, {@code junit N} the {@code @EnosCoapServer} timing. A server child also
 * answers commands on standard input: {@code heap} (heap after full collections), {@code live}
 * (heap after one full collection, a shorter pause), {@code gc}
 * (collector counts and times, heap now and after the last collection), {@code jit} (the JIT
 * compilers' time so far, in milliseconds) and {@code quit}.
 */
public final class ServerMain {
    /** Prefix of every line the child writes for the harness, so log lines can be told apart. */
    static final String REPLY = "@bench ";

    private ServerMain() {
    }

    /**
     * Starts the child.
     *
     * @param args {@code mock|bare|junit} and that part's arguments
     */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (kind) {
            case "mock" -> {
                startCommands();
                dev.enoscoap.mock.cli.MockServerCommand.main(rest);
            }
            case "bare" -> {
                startCommands();
                BareServer.main(rest);
            }
            case "junit" -> JUnitCost.main(rest);
            default -> throw new IllegalArgumentException("unknown child kind " + kind);
        }
    }

    private static void startCommands() {
        Thread t = new Thread(ServerMain::commands, "bench-commands");
        t.setDaemon(true);
        t.start();
    }

    private static void commands() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "heap" -> reply("heap " + heapAfterFullGc());
                    case "live" -> reply("live " + heapAfterOneFullGc());
                    case "gc" -> reply("gc " + gcFigures());
                    case "jit" -> reply("jit " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                    case "quit" -> System.exit(0);
                    default -> reply("error unknown command " + line);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the harness went away: stop too
        }
        System.exit(0);
    }

    private static void reply(String text) {
        synchronized (System.out) {
            System.out.println(REPLY + text);
            System.out.flush();
        }
    }

    /** Used heap after one full collection, in bytes: the live set, with one pause. */
    private static long heapAfterOneFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Used heap after full collections, in bytes. */
    private static long heapAfterFullGc() throws InterruptedException {
        long used = 0;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(150);
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return used;
    }

    /**
     * {@code collections gcMillis usedNow committed afterLastGc maxAfterGc}: the last two are the
     * heap after the latest collection and the most after any collection since the previous
     * query, both -1 until a collection was seen. The first query starts watching collections.
     */
    private static String gcFigures() {
        watchCollections();
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return count + " " + millis + " " + heap.getUsed() + " " + heap.getCommitted() + " " + AFTER_GC.get() + " "
                + MAX_AFTER_GC.getAndSet(-1);
    }

    private static final AtomicLong AFTER_GC = new AtomicLong(-1);
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong(-1);
    private static volatile boolean watching;

    private static synchronized void watchCollections() {
        if (watching) {
            return;
        }
        watching = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        long after = 0;
                        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                            after += u.getUsed();
                        }
                        // Non-heap pools (metaspace, code cache) are in the map too; take them out.
                        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            if (pool.getType() != MemoryType.HEAP) {
                                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                                if (u != null) {
                                    after -= u.getUsed();
                                }
                            }
                        }
                        long a = after;
                        AFTER_GC.set(a);
                        MAX_AFTER_GC.accumulateAndGet(a, Math::max);
                    }
                }, null, null);
            }
        }
    }
}
