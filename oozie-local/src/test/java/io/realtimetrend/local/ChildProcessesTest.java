package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local executors rely on: a child's exit, its last error line, kill() ending it and its descendants at
 * once, and the run's deadline ending a child that hangs.
 */
class ChildProcessesTest {

    @TempDir
    Path logs;

    private final ChildProcesses children = new ChildProcesses();

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60);
    }

    /** A shell that starts a grandchild (as a crawl's JVM starts chromedriver) and writes its pid. */
    private List<String> parentOfASleeper(Path pidFile) {
        return List.of("/bin/bash", "-c", "sleep 300 & echo $! > " + pidFile + "; wait");
    }

    private static long awaitPid(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertThat(System.nanoTime()).as("grandchild started").isLessThan(deadline);
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    @Test
    void killEndsTheChildsDescendantsToo() throws Exception {
        Path pidFile = logs.resolve("grandchild.pid");
        CompletableFuture<ChildProcesses.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return children.run("action-tree", parentOfASleeper(pidFile), logs.resolve("tree"), inAMinute());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long grandchild = awaitPid(pidFile);
        assertThat(ProcessHandle.of(grandchild)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        assertThat(children.kill("action-tree")).isTrue();

        assertThat(running.get(15, TimeUnit.SECONDS).exitCode()).isNotZero();
        assertThat(ProcessHandle.of(grandchild).filter(ProcessHandle::isAlive)).as("the grandchild sleep").isEmpty();
    }

    @Test
    void aChildStillRunningAtTheDeadlineIsStoppedWithItsTreeAndFails() throws Exception {
        Path pidFile = logs.resolve("late.pid");
        long start = System.nanoTime();

        Instant deadline = Instant.now().plusSeconds(2);
        ChildProcesses.Result result = children.run("action-late", parentOfASleeper(pidFile), logs.resolve("late"),
                deadline);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lastErrorLine()).isEqualTo("action-late did not finish by its deadline "
                + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (local --timeout, or --action-timeout with --live or --serve); stopped");
        io.realtimetrend.testing.FaultTable.record("local action still running at the run's deadline (2 s)",
                "child and grandchild ended, action failed", Duration.ofNanos(System.nanoTime() - start));
        assertThat(ProcessHandle.of(awaitPid(pidFile)).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void failingChildReportsItsLastErrorLine() throws Exception {
        ChildProcesses.Result result = children.run("a", List.of("/bin/sh", "-c",
                "echo progress >&2; echo 'crawl failed: page layout changed' >&2; exit 1"), logs.resolve("a"), inAMinute());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lastErrorLine()).isEqualTo("crawl failed: page layout changed");
    }

    @Test
    void killEndsARunningChild() throws Exception {
        Path pidFile = logs.resolve("child.pid");
        List<String> sleeper = List.of("/bin/bash", "-c", "echo $$ > " + pidFile + "; exec sleep 60");
        CompletableFuture<ChildProcesses.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return children.run("action-1", sleeper, logs.resolve("b"), inAMinute());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitPid(pidFile); // the child has started (it wrote its pid, then became the sleep)
        long start = System.nanoTime();

        assertThat(children.kill("action-1")).isTrue();

        assertThat(running.get(10, TimeUnit.SECONDS).exitCode()).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(children.kill("action-1")).isFalse();
    }
}
