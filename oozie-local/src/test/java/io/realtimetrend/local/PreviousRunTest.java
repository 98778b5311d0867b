package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local run per data root: a live one refuses the start, what a dead one left is ended. */
class PreviousRunTest {

    @TempDir
    Path root;

    private Process other;

    @AfterEach
    void endOther() throws Exception {
        if (other != null) {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path work() {
        return root.resolve("data/.local/local-run");
    }

    @Test
    void aRunStillAliveOnTheDataRootRefusesTheStart() throws Exception {
        other = new ProcessBuilder("sleep", "60").start();
        Files.createDirectories(work());
        ProcessHandle handle = other.toHandle();
        Files.writeString(work().resolve("local.pid"), handle.pid() + " " + handle.info().startInstant().orElseThrow() + "\n");

        assertThatThrownBy(() -> new PreviousRun(work()).takeOver(new PrintStream(new ByteArrayOutputStream())))
                .hasMessage("another local run (pid " + handle.pid() + ") is using " + root.resolve("data")
                        + ": stop it first (kill " + handle.pid() + "), or use another --data-root");
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void whatADeadRunLeftOnTheDataRootIsEndedInOneLineAndThisRunIsRecorded() throws Exception {
        Files.createDirectories(work());
        Files.writeString(work().resolve("local.pid"), "999999999 2026-01-01T00:00:00Z\n");
        // a child of the dead run: its command line names the work directory, as every child's does
        other = new ProcessBuilder("bash", "-c", "sleep 60; exit 0", work().resolve("hive").toString()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new PreviousRun(work()).takeOver(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(other.waitFor(15, TimeUnit.SECONDS)).as("the leftover ended").isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ending 1 processes a previous run on "
                + root.resolve("data") + " left running: pids " + other.pid() + System.lineSeparator());
        assertThat(Files.readString(work().resolve("local.pid"))).startsWith(ProcessHandle.current().pid() + " ");
    }
}
