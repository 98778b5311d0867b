package io.realtimetrend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Samples the resident memory of this JVM and every process it started, twice a second; keeps the peak. */
public final class MemorySampler implements AutoCloseable {

    private final AtomicLong peakKib = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private MemorySampler() {
        thread = new Thread(this::sample, "memory-sampler");
        thread.setDaemon(true);
    }

    public static MemorySampler start() {
        MemorySampler sampler = new MemorySampler();
        sampler.thread.start();
        return sampler;
    }

    public long peakMiB() {
        return peakKib.get() / 1024;
    }

    private void sample() {
        while (running) {
            long total = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                    .mapToLong(p -> rssKib(p.pid())).sum();
            peakKib.accumulateAndGet(total, Math::max);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long rssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (Exception gone) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
