package io.realtimetrend.crawl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The processes of one local browser: chromedriver (this JVM's descendant listening on the driver's port) and
 * Chromium (any process using the crawl's own profile directory, found even after chromedriver died and left it
 * to init), each with its descendants. Ended when quitting the driver did not end them.
 *
 * @param driverPort the chromedriver's port, when a local driver was started
 * @param profile    the Chromium {@code --user-data-dir} of this crawl
 */
record BrowserProcesses(OptionalInt driverPort, Path profile) {

    /** How long killed processes get to disappear. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    /**
     * How often they are looked at meanwhile. {@code ProcessHandle.onExit()} of a process that is not this JVM's
     * child polls from 300 ms on with a growing step, and sees a killed but unreaped (zombie) process as alive: it
     * held every crawl 1.4 to 1.8 s here after Chromium had quit.
     */
    private static final long POLL_MILLIS = 20;

    BrowserProcesses {
        Objects.requireNonNull(driverPort, "driverPort is null");
        Objects.requireNonNull(profile, "profile is null");
    }

    /** The processes alive now, descendants included. */
    List<ProcessHandle> alive() {
        String profileSwitch = "--user-data-dir=" + profile;
        Stream<ProcessHandle> driver = driverPort.stream().boxed().flatMap(port -> ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains("chromedriver") && commandLine(p).contains("--port=" + port)));
        Stream<ProcessHandle> browser = ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(profileSwitch));
        List<ProcessHandle> all = new ArrayList<>();
        Stream.concat(driver, browser).forEach(p -> {
            all.add(p);
            p.descendants().forEach(all::add);
        });
        return all.stream().distinct().toList();
    }

    /**
     * Kills every process of this browser, and those of {@code listedBefore} still alive, and waits (bounded) until
     * they are gone. Chromium's helpers (zygotes) rename themselves and outlive a quit by a moment, re-parented to
     * init: only a list taken while the tree was whole still names them.
     */
    void destroy(List<ProcessHandle> listedBefore) {
        // listed before any is killed: a killed parent's children are re-parented and no longer its descendants
        List<ProcessHandle> processes = Stream.concat(listedBefore.stream(), alive().stream())
                .filter(ProcessHandle::isAlive).distinct().toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        long end = System.nanoTime() + EXIT_WAIT.toNanos();
        try {
            while (processes.stream().anyMatch(ProcessLiveness::running) && System.nanoTime() < end) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // past the wait, SIGKILL was sent: a process stuck in the kernel is beyond our reach
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
