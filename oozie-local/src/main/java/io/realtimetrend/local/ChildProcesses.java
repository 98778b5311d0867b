package io.realtimetrend.local;

import io.realtimetrend.contract.ServiceReady;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of local mode: one run's actions' JVMs, by the name each was started under (so that a kill,
 * the run's deadline or its end can stop them), and long-running services. Their stdout and stderr are kept in files
 * beside each other (a long-running service's through
 * {@link RollingFile}). Every wait is bounded, and ending a child ends its whole process tree (a crawl's chromedriver
 * and Chromium, a service's own children): a descendant whose parent died would otherwise live on under init.
 */
public final class ChildProcesses {

    /** How a child ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The child's last non-empty stderr line: the action's one clear error line. */
        public String lastErrorLine() {
            return stderr.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("exit code " + exitCode);
        }
    }

    /** Grace between SIGTERM and SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    /** Children still running, by the name they were started under, so that they can be killed. */
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    /**
     * Runs {@code command} under {@code name}, writing {@code <logPrefix>.out} and {@code <logPrefix>.err}; a child
     * still running at {@code deadline} is ended with its tree and reported as failed.
     */
    public Result run(String name, List<String> command, Path logPrefix, Instant deadline)
            throws IOException, InterruptedException {
        Objects.requireNonNull(command, "command is null");
        Objects.requireNonNull(deadline, "deadline is null");
        Files.createDirectories(logPrefix.toAbsolutePath().getParent());
        Path out = RunFiles.out(logPrefix);
        Path err = RunFiles.err(logPrefix);
        if (!Instant.now().isBefore(deadline)) {
            return new Result(1, "", name + " not started: the run's deadline has passed");
        }
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        running.put(name, process);
        try {
            long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                String line = name + " did not finish by its deadline " + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + " (local --timeout, or --action-timeout with --live or --serve); stopped";
                Files.writeString(err, System.lineSeparator() + line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            int code = process.exitValue();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            running.remove(name, process);
        }
    }

    /** Ends the child started under {@code name} and its descendants, if it still runs. */
    public boolean kill(String name) throws InterruptedException {
        Process process = running.get(name);
        if (process == null) {
            return false;
        }
        destroyTree(process);
        return true;
    }

    /**
     * Makes the end of this JVM (Ctrl-C, SIGTERM, a {@code System.exit} anywhere) end every process below it at once,
     * with one grace: the actions and services started here, and whatever else this JVM runs (a mini cluster's
     * containers), each with its tree.
     */
    public ChildProcesses endAllOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                endTrees(ProcessHandle.current().children().toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "local-children-exit"));
        return this;
    }

    /** Ends every child still running (local {@code --timeout}, Ctrl-C); returns how many there were. */
    public int killAll() throws InterruptedException {
        int killed = 0;
        for (String name : List.copyOf(running.keySet())) {
            if (kill(name)) {
                killed++;
            }
        }
        return killed;
    }

    /**
     * SIGTERM to the process and every descendant (listed before anything dies, while they are still its
     * descendants), SIGKILL to whatever is left after {@link #GRACE}; returns once all have ended.
     */
    public static void destroyTree(Process process) throws InterruptedException {
        destroyTrees(List.of(process));
    }

    /** As {@link #destroyTree}, for several processes at once: one grace for all of them, not one each. */
    static void destroyTrees(List<Process> processes) throws InterruptedException {
        endTrees(processes.stream().map(Process::toHandle).toList());
    }

    /**
     * As {@link #destroyTrees}, for processes this JVM need not have started (a NodeManager's containers, which run
     * in sessions of their own): each root and its descendants, one grace for all.
     */
    public static void endTrees(List<ProcessHandle> roots) throws InterruptedException {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        for (ProcessHandle root : roots) {
            tree.addAll(root.descendants().toList());
            tree.add(root);
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // SIGKILL cannot be refused; a process still listed here is a zombie its parent has not reaped
            }
        }
    }

    /** Starts a long-running child and waits until it prints its {@link ServiceReady} line; gives its address. */
    public static Started startService(List<String> command, Path logPrefix, long timeoutMillis)
            throws IOException, InterruptedException {
        Process process = startInBackground(command, logPrefix);
        Path out = RunFiles.out(logPrefix);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> ready = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .map(ServiceReady::address).flatMap(Optional::stream).findFirst();
            if (ready.isPresent()) {
                return new Started(process, ready.get());
            }
            if (!process.isAlive()) {
                throw new IOException(logPrefix.getFileName() + " exited before it was ready; see " + RunFiles.err(logPrefix));
            }
            Thread.sleep(100);
        }
        destroyTree(process);
        throw new IOException(logPrefix.getFileName() + " not ready within " + timeoutMillis / 1000 + " s; see "
                + RunFiles.err(logPrefix));
    }

    /** Starts a long-running child that announces nothing (a consumer); its output goes to the log files. */
    public static Started startQuiet(List<String> command, Path logPrefix) throws IOException {
        return new Started(startInBackground(command, logPrefix), "");
    }

    private static Process startInBackground(List<String> command, Path logPrefix) throws IOException {
        Files.createDirectories(logPrefix.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).start();
        // a service runs for weeks under --live: its output goes through files that roll, as its log4j2 file does
        process.getOutputStream().close();
        RollingFile.pump(process.getInputStream(), RunFiles.out(logPrefix), RollingFile.MAX_BYTES, RollingFile.KEEP);
        RollingFile.pump(process.getErrorStream(), RunFiles.err(logPrefix), RollingFile.MAX_BYTES, RollingFile.KEEP);
        return process;
    }

    /** Ends the services and their descendants at once (SIGTERM first, so they can shut down cleanly). */
    public static void closeAll(List<Started> started) throws InterruptedException {
        destroyTrees(started.stream().map(Started::process).toList());
    }

    /** A started service and what it announced (a JDBC URL, bootstrap servers). */
    public record Started(Process process, String address) implements AutoCloseable {

        /** Ends the service and its descendants (SIGTERM first, so it can shut down cleanly). */
        @Override
        public void close() throws InterruptedException {
            destroyTree(process);
        }
    }
}
