package dev.enoscoap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in its own JVM, started by the harness: the mock (the standalone command line) or
 * the bare server, with the same JVM flags. Its output is drained and watched for the
 * "listening" line, answers to commands, and {@code OutOfMemoryError}; its CPU time is read
 * from the operating system, so the client's CPU never counts.
 */
final class ServerProcess implements AutoCloseable {
    /**
     * Both servers log as the standalone mock does by default (journal lines at INFO, Californium
     * at WARN, the same text pattern), from one Logback file, so neither pays for a default DEBUG
     * configuration; unless the JVM flags name another configuration.
     */
    static final String LOGGING = "-Dlogback.configurationFile=dev/enoscoap/bench/logback-servers.xml";

    private static final Pattern LISTENING = Pattern.compile("listening on coaps://[^ ]*:(\\d+)");

    /** Which server. */
    enum Kind {
        MOCK, BARE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Process process;
    private final Writer commands;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final List<String> matchedSamples = new ArrayList<>();
    private volatile Pattern watch;
    private volatile boolean outOfMemory;
    private final long startedNanos;
    private volatile long listeningNanos;

    private ServerProcess(Kind kind, Process process, long startedNanos) {
        this.kind = kind;
        this.process = process;
        this.startedNanos = startedNanos;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> drain(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))), "bench-" + kind.label() + "-out");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> drain(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))), "bench-" + kind.label() + "-err");
        err.setDaemon(true);
        err.start();
    }

    /**
     * Starts a server child and waits until it listens.
     *
     * @param jvm JVM flags, the same for both kinds
     * @param args the server's own arguments
     */
    static ServerProcess start(Kind kind, List<String> jvm, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Jvm.java());
        command.addAll(jvm);
        if (jvm.stream().noneMatch(f -> f.startsWith("-Dlogback.configurationFile="))) {
            command.add(LOGGING);
        }
        command.add("-cp");
        command.add(Jvm.classpath());
        command.add(ServerMain.class.getName());
        command.add(kind.label());
        command.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        ServerProcess server = new ServerProcess(kind, p, t0);
        try {
            server.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IOException(kind.label() + " server did not report listening within 60 s: " + server.errors, e);
        }
        return server;
    }

    private void drain(BufferedReader in) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.incrementAndGet();
                if (line.startsWith(ServerMain.REPLY)) {
                    replies.add(line.substring(ServerMain.REPLY.length()));
                    continue;
                }
                if (!port.isDone()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listeningNanos = System.nanoTime();
                        port.complete(Integer.parseInt(m.group(1)));
                        continue;
                    }
                }
                if (line.contains("OutOfMemoryError")) {
                    outOfMemory = true;
                }
                Pattern w = watch;
                if (w != null && w.matcher(line).find() && matched.incrementAndGet() <= 3) {
                    synchronized (matchedSamples) {
                        matchedSamples.add(line);
                    }
                }
                if ((line.contains("ERROR") || line.contains("Exception") || line.contains("WARN")) && errors.size() < 50) {
                    synchronized (errors) {
                        errors.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    Kind kind() {
        return kind;
    }

    /** The server's UDP address on loopback. */
    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port.join());
    }

    /** From starting the JVM to the "listening" line. */
    Duration startTime() {
        return Duration.ofNanos(listeningNanos - startedNanos);
    }

    /** The child's CPU time so far, all threads. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(
                () -> new IllegalStateException("the operating system does not report the CPU time of " + kind.label()));
    }

    /** Heap in use after full collections, in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        return Long.parseLong(ask("heap", "heap ", 60)[1]);
    }

    /** Time the JIT compilers have spent so far, in milliseconds (of their threads, not wall time). */
    long jitMillis() throws IOException, InterruptedException {
        return Long.parseLong(ask("jit", "jit ", 20)[1]);
    }

    /** Heap in use after one full collection, in bytes. */
    long liveHeap() throws IOException, InterruptedException {
        return Long.parseLong(ask("live", "live ", 60)[1]);
    }

    /** Collector figures: count, time in ms, heap used now, committed, after the last collection, most after a collection since the last call. */
    long[] gc() throws IOException, InterruptedException {
        String[] f = ask("gc", "gc ", 20);
        long[] v = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Long.parseLong(f[i]);
        }
        return v;
    }

    private String[] ask(String command, String prefix, int seconds) throws IOException, InterruptedException {
        replies.clear();
        synchronized (commands) {
            commands.write(command + "\n");
            commands.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String r = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new IOException(kind.label() + " server did not answer '" + command + "' within " + seconds + " s"
                        + (outOfMemory ? " (it ran out of memory)" : ""));
            }
            if (r.startsWith(prefix)) {
                return r.split(" ");
            }
        }
    }

    /** Counts output lines matching {@code pattern} from now on. */
    void watch(Pattern pattern) {
        matched.set(0);
        this.watch = pattern;
    }

    /** Lines matching the watched pattern so far. */
    long matchedLines() {
        return matched.get();
    }

    /** The first three lines that matched the watched pattern. */
    List<String> matchedSamples() {
        synchronized (matchedSamples) {
            return List.copyOf(matchedSamples);
        }
    }

    /** Whether the child printed an {@code OutOfMemoryError}. */
    boolean outOfMemory() {
        return outOfMemory;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Warnings and errors the child printed (the first 50). */
    List<String> problems() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Asks the child to quit, then ends it. */
    @Override
    public void close() {
        try {
            synchronized (commands) {
                commands.write("quit\n");
                commands.flush();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
