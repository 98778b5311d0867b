package io.realtimetrend.crawl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records every process that is a descendant of {@code root} while watched (polling), so a test can check they all
 * ended afterwards: a child killed with its parent is re-parented to init and no longer shows as a descendant.
 */
public final class ProcessWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final ProcessHandle root;
    /** Each process seen, with its command line as last read while it lived (a dead process has none). */
    private final Map<ProcessHandle, String> seen = new LinkedHashMap<>();
    private final Thread poller;
    private volatile boolean watching = true;

    private ProcessWatch(ProcessHandle root) {
        this.root = Objects.requireNonNull(root, "root is null");
        poller = new Thread(this::poll, "process-watch");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts watching {@code root}'s descendants. */
    public static ProcessWatch of(ProcessHandle root) {
        return new ProcessWatch(root);
    }

    private void poll() {
        while (watching) {
            record();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record() {
        root.descendants().forEach(p -> p.info().commandLine().ifPresent(c -> seen.put(p, c)));
    }

    /** The command lines of every process seen so far whose command line contains {@code text}. */
    public synchronized List<String> seen(String text) {
        record();
        return seen.values().stream().filter(c -> c.contains(text)).toList();
    }

    /**
     * The processes seen that still run after waiting up to {@code grace} for them to end (a zombie awaiting init's
     * reaping has ended: see {@link ProcessLiveness}).
     */
    public List<String> aliveAfter(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive;
        do {
            synchronized (this) {
                alive = seen.keySet().stream().filter(ProcessLiveness::running).toList();
            }
            if (alive.isEmpty()) {
                return List.of();
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < end);
        synchronized (this) {
            return alive.stream().map(p -> p.pid() + " " + seen.get(p)).toList();
        }
    }

    @Override
    public void close() {
        watching = false;
        poller.interrupt();
    }
}
