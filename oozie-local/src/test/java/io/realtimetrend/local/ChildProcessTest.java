package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local executors rely on: a child's exit, its last error line, and kill() ending it at once. */
class ChildProcessTest {

    @TempDir
    Path logs;

    @Test
    void failingChildReportsItsLastErrorLine() throws Exception {
        ChildProcess.Result result = ChildProcess.run("a", List.of("/bin/sh", "-c",
                "echo progress >&2; echo 'crawl failed: page layout changed' >&2; exit 1"), logs.resolve("a"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lastErrorLine()).isEqualTo("crawl failed: page layout changed");
    }

    @Test
    void killEndsARunningChild() throws Exception {
        CompletableFuture<ChildProcess.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return ChildProcess.run("action-1", List.of("sleep", "60"), logs.resolve("b"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        long start = System.nanoTime();

        assertThat(ChildProcess.kill("action-1")).isTrue();

        assertThat(running.get(10, TimeUnit.SECONDS).exitCode()).isNotZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ChildProcess.kill("action-1")).isFalse();
    }
}
