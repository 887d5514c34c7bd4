package dev.enoscoap.mock.cli;

import dev.enoscoap.mock.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standalone mock in a child JVM, with its output collected line by line. */
final class Standalone implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on coaps://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private Standalone(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java [jvmOptions] MockServerCommand --port 0 --bind 127.0.0.1 [args]}. */
    static Standalone start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MockServerCommand.class.getName());
        command.add("--port");
        command.add("0");
        command.add("--bind");
        command.add("127.0.0.1");
        command.addAll(List.of(args));
        return new Standalone(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Waits until it listens, and returns its port. */
    int awaitPort() {
        Await.until(Duration.ofSeconds(30), () -> lines.stream().anyMatch(l -> LISTENING.matcher(l).find())
                || !process.isAlive(), this::output);
        Matcher m = lines.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("it did not start:\n" + output()));
        return Integer.parseInt(m.group(1));
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join(5_000);
    }
}
