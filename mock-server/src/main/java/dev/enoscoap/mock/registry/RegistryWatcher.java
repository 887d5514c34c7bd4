package dev.enoscoap.mock.registry;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Watches a registry file and calls a reload when it changes: written in place, or replaced by a
 * rename as editors do. Changes are collected for a short quiet time first, so a file being written
 * is read once it is complete.
 */
@API(status = INTERNAL, since = "0.1")
public final class RegistryWatcher implements AutoCloseable {
    private static final long QUIET_MILLIS = 300;

    private final WatchService watch;
    private final Thread thread;

    /**
     * Starts watching {@code file}; {@code reload} runs on the watcher's own thread.
     *
     * @throws RegistryException if the directory cannot be watched
     */
    public RegistryWatcher(Path file, Runnable reload) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path name = absolute.getFileName();
        try {
            watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new RegistryException("registry " + file + ": cannot watch its directory for changes: " + e, e);
        }
        thread = new Thread(() -> run(name, reload), "enos-mock-registry-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Path name, Runnable reload) {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean changed = relevant(key, name);
                // Collect the burst of events one save makes, then read once.
                while (true) {
                    WatchKey more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    changed |= relevant(more, name);
                }
                if (changed) {
                    reload.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static boolean relevant(WatchKey key, Path name) {
        boolean hit = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path p && p.equals(name)) {
                hit = true;
            } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                hit = true;
            }
        }
        key.reset();
        return hit;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing to do
        }
        thread.interrupt();
    }
}
