package io.realtimetrend.yarn;

import io.realtimetrend.local.ChildProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The processes of a NodeManager's containers, found by what each of them names on its command line: a path under
 * the NodeManager's directories (the wrapper, session and launch scripts, the container's log directory in its JVM's
 * options). A container runs in a session of its own ({@code setsid}), so it is not ended with the JVM that started
 * it, and the NodeManager's stop misses a container it is launching at that moment: the stop interrupts the launching
 * thread, whose shell then ends only the wrapper script, while the session script it started goes on to
 * {@code exec} the launch script and the container's JVM under init; and a cleanup that finds no pid file yet gives
 * up after {@code yarn.nodemanager.process-kill-wait.ms} (Hadoop's {@code ContainerCleanup} names that leak).
 * {@link #endAll} ends them all once the NodeManager can start nothing more.
 */
final class ContainerProcesses {

    /** The name of the NodeManager's launching threads ({@code ContainersLauncher}'s thread factory). */
    private static final String LAUNCHER_THREAD = "ContainersLauncher #";

    private final String directory;

    /** The processes of the NodeManager whose directories are all under {@code nodeManagerRoot}. */
    ContainerProcesses(Path nodeManagerRoot) {
        this.directory = Objects.requireNonNull(nodeManagerRoot, "nodeManagerRoot is null").toAbsolutePath() + "/";
    }

    /** The container processes alive now (not their descendants, which {@link #endAll} ends with them). */
    List<ProcessHandle> alive() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().filter(line -> line.contains(directory)).isPresent())
                .toList();
    }

    /**
     * Once the NodeManager's launcher has been stopped: waits until its launching threads have ended (no container
     * can be started after that), then ends every container process with its descendants, SIGTERM first, until a look finds none;
     * returns how many container processes it ended. A container a launching thread still starts while it waits is
     * ended too.
     *
     * @throws IllegalStateException if a launching thread or a container process is still there after {@code bound}
     */
    int endAll(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Thread thread : launchingThreads()) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        int ended = 0;
        List<ProcessHandle> found = alive();
        while (!found.isEmpty()) {
            ChildProcesses.endTrees(found);
            ended += found.size();
            found = alive();
            if (!found.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("container processes still alive " + bound + " after the "
                        + "NodeManager's launcher stopped: " + found.stream().map(ProcessHandle::pid).toList());
            }
        }
        List<Thread> launching = launchingThreads();
        if (!launching.isEmpty()) {
            throw new IllegalStateException("the NodeManager's " + launching.get(0).getName() + " still runs " + bound
                    + " after the launcher's stop");
        }
        return ended;
    }

    private static List<Thread> launchingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(LAUNCHER_THREAD) && t.isAlive()).toList();
    }
}
