package io.realtimetrend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;

/** Runs a child JVM to completion, its stdout and stderr kept in files beside each other. */
public final class ChildProcess {

    /** How a child ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The child's last non-empty stderr line: the action's one clear error line. */
        public String lastErrorLine() {
            return stderr.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("exit code " + exitCode);
        }
    }

    private ChildProcess() {
    }

    /** Children still running, by the name they were started under, so that they can be killed. */
    private static final Map<String, Process> RUNNING = new ConcurrentHashMap<>();

    /** Runs {@code command} under {@code name}, writing {@code <logPrefix>.out} and {@code <logPrefix>.err}. */
    public static Result run(String name, List<String> command, Path logPrefix) throws IOException, InterruptedException {
        Objects.requireNonNull(command, "command is null");
        Files.createDirectories(logPrefix.toAbsolutePath().getParent());
        Path out = Path.of(logPrefix + ".out");
        Path err = Path.of(logPrefix + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        RUNNING.put(name, process);
        try {
            int code = process.waitFor();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            RUNNING.remove(name, process);
        }
    }

    /** Destroys the child started under {@code name}, if it still runs (SIGTERM, then SIGKILL after 10 s). */
    public static boolean kill(String name) throws InterruptedException {
        Process process = RUNNING.get(name);
        if (process == null) {
            return false;
        }
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return true;
    }

    /** Starts a long-running child and waits until it prints a line starting with {@code ready }; returns its rest. */
    public static Started startService(List<String> command, Path logPrefix, long timeoutMillis)
            throws IOException, InterruptedException {
        Process process = startInBackground(command, logPrefix);
        Path out = Path.of(logPrefix + ".out");
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> ready = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("ready ")).findFirst();
            if (ready.isPresent()) {
                return new Started(process, ready.get().substring("ready ".length()).strip());
            }
            if (!process.isAlive()) {
                throw new IOException(logPrefix.getFileName() + " exited before it was ready; see " + logPrefix + ".err");
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IOException(logPrefix.getFileName() + " not ready within " + timeoutMillis / 1000 + " s; see "
                + logPrefix + ".err");
    }

    /** Starts a long-running child that announces nothing (a consumer); its output goes to the log files. */
    public static Started startQuiet(List<String> command, Path logPrefix) throws IOException {
        return new Started(startInBackground(command, logPrefix), "");
    }

    private static Process startInBackground(List<String> command, Path logPrefix) throws IOException {
        Files.createDirectories(logPrefix.toAbsolutePath().getParent());
        return new ProcessBuilder(command).redirectOutput(Path.of(logPrefix + ".out").toFile())
                .redirectError(Path.of(logPrefix + ".err").toFile()).start();
    }

    /** A started service and what it announced (a JDBC URL, bootstrap servers). */
    public record Started(Process process, String address) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
