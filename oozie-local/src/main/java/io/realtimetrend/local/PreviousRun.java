package io.realtimetrend.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One local run per data root: at start, {@code <work>/local.pid} names the run that used the work directory last. A
 * run still alive refuses the start with one line; the processes a dead one left (a {@code kill -9} before its
 * children noticed, see {@code OrphanGuard}) are ended with their trees, in one line, so that a restart never meets
 * Derby's or Kafka's locks or a second message server on one state directory.
 */
final class PreviousRun {

    private final Path work;

    PreviousRun(Path work) {
        this.work = Objects.requireNonNull(work, "work is null").toAbsolutePath().normalize();
    }

    /** Refuses a run that is alive, ends what a dead one left, and records this JVM as the work directory's run. */
    void takeOver(PrintStream out) throws IOException, InterruptedException {
        Path pidFile = work.resolve("local.pid");
        Optional<ProcessHandle> previous = recorded(pidFile);
        if (previous.isPresent()) {
            throw new IllegalStateException("another local run (pid " + previous.get().pid() + ") is using "
                    + work.getParent().getParent() + ": stop it first (kill " + previous.get().pid() + "), or use another --data-root");
        }
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p).contains(work + "/"))
                .toList();
        if (!left.isEmpty()) {
            out.println("ending " + left.size() + " processes a previous run on " + work.getParent().getParent()
                    + " left running: pids " + left.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(" ")));
            ChildProcesses.endTrees(left);
        }
        Files.createDirectories(work);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(pidFile, self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("")
                + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /**
     * The process's whole command line from {@code /proc/<pid>/cmdline}, arguments joined by spaces, or empty when it
     * is gone. {@code ProcessHandle.Info.commandLine()} is no use here: it leaves out the arguments of a command line
     * as long as a child JVM's (its classpath alone is tens of kilobytes).
     */
    static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** The run the file names, if it is still alive (the same process: its start time matches, not a reused pid). */
    private static Optional<ProcessHandle> recorded(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String[] fields = Files.readString(pidFile, StandardCharsets.UTF_8).strip().split(" ");
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive);
            String started = fields.length > 1 ? fields[1] : "";
            return process.filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(started));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
