package dev.enoscoap.mock.forward;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON envelopes to business servers (EC-14), asynchronously: {@link #publish} never
 * blocks the CoAP path. Each target has its own queue and worker, so envelopes reach a target
 * once each and in the order published; a failed POST is retried with backoff, and what is
 * finally dropped is counted.
 */
@API(status = INTERNAL, since = "0.1")
public final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final List<Target> targets = new ArrayList<>();
    private final HttpClient http;
    private final ForwardingOptions options;

    public Forwarder(List<URI> urls, ForwardingOptions options) {
        this.options = options;
        // No HTTP client (and its selector thread) unless there is somewhere to forward to.
        this.http = urls.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(options.requestTimeout()).build();
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("forward URL " + url + " must be http or https");
            }
            Target t = new Target(url);
            targets.add(t);
            t.worker.start();
        }
    }

    /** Queues an envelope for every target. */
    public void publish(ObjectNode envelope) {
        byte[] body = envelope.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Target t : targets) {
            if (!t.queue.offer(body)) {
                long n = t.droppedQueueFull.incrementAndGet();
                if (isWorthALogLine(n)) {
                    LOG.warn("forwarding to {}: queue full ({} envelopes); {} envelopes dropped so far", t.url,
                            options.queueCapacity(), n);
                }
            }
        }
    }

    /** Counts per target. */
    public List<ForwardingStats> stats() {
        return targets.stream().map(t -> new ForwardingStats(t.url, t.delivered.get(), t.retries.get(),
                t.droppedQueueFull.get(), t.droppedAfterRetries.get(), t.queue.size() + (t.busy ? 1 : 0), t.lastError))
                .toList();
    }

    /** Whether there are targets at all. */
    public boolean enabled() {
        return !targets.isEmpty();
    }

    /** Stops the workers; envelopes still queued are abandoned. */
    @Override
    public void close() {
        targets.forEach(t -> t.worker.interrupt());
    }

    /** Logs the 1st, 10th, 100th, … drop, so a dead business server does not flood the log. */
    private static boolean isWorthALogLine(long count) {
        long n = count;
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    private final class Target implements Runnable {
        final URI url;
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(options.queueCapacity());
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong droppedQueueFull = new AtomicLong();
        final AtomicLong droppedAfterRetries = new AtomicLong();
        final Thread worker;
        volatile boolean busy;
        volatile String lastError;

        Target(URI url) {
            this.url = url;
            this.worker = new Thread(this, "enos-mock-forward-" + url.getHost() + ":" + url.getPort());
            worker.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] body = queue.take();
                    busy = true;
                    try {
                        deliver(body);
                    } finally {
                        busy = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(byte[] body) throws InterruptedException {
            Duration backoff = options.initialBackoff();
            for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
                if (attempt > 1) {
                    retries.incrementAndGet();
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                            : backoff.multipliedBy(2);
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                            .timeout(options.requestTimeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                        delivered.incrementAndGet();
                        return;
                    }
                    lastError = "HTTP " + response.statusCode();
                } catch (IOException e) {
                    lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
            }
            long n = droppedAfterRetries.incrementAndGet();
            if (isWorthALogLine(n)) {
                LOG.warn("forwarding to {}: envelope dropped after {} attempts, last error {}; {} dropped so far", url,
                        options.maxAttempts(), lastError, n);
            }
        }
    }
}
