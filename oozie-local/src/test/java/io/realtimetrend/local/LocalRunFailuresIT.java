package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FaultTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short {@code bin/realtime-trend local} runs that fail, each for one reason, and say it in one line: a live page asked
 * for the past, Kakao secret files others can read, a page whose layout changed, {@code --timeout}. They run while the
 * live scenarios ({@link BackgroundScenarios}) go on beside them.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunFailuresIT {

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTheLiveScenariosInTheBackground() {
        BackgroundScenarios.startAll();
    }

    @Test
    @Order(1)
    void theLivePageIsNotCrawledForThePast() throws Exception {
        Path data = tmp.resolve("live-past");
        List<String> command = List.of(RunningCommand.ROOT.resolve("bin/realtime-trend").toString(), "local", "--url",
                "http://127.0.0.1:9/", "--data-root", data.toString(), "--from", "2026-11-26T09:10Z",
                "--to", "2026-11-26T10:00Z");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.strip()).startsWith("local failed: the live page http://127.0.0.1:9/ shows only the present "
                + "ranking, and --from 2026-11-26T09:10Z is more than crawlMaxLag PT20M ago").doesNotContain("\n");
        assertThat(data).as("nothing written").doesNotExist();
    }

    @Test
    @Order(2)
    void liveWithKakaoSecretFilesKeepsTheMessageServersRulesAndStopsWhenItRefusesThem() throws Exception {
        Path tokens = Files.writeString(tmp.resolve("tokens.json"), "{\"access_token\": \"a\", \"refresh_token\": \"r\"}");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        Path key = Files.writeString(tmp.resolve("rest-api-key"), "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        RunningCommand live = BackgroundScenarios.liveCommand(tmp.resolve("kakao"), "--kakao-token-file", tokens.toString(),
                "--kakao-rest-api-key-file", key.toString());
        live.awaitEnd(System.nanoTime(), 180);

        assertThat(live.process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(live.err).strip()).startsWith("local failed: the message server stopped: "
                + "message-server failed: token file " + tokens + " is readable by others").doesNotContain("\n");
        assertThat(live.tree.processes()).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(3)
    void aSlotWhosePageChangedItsLayoutIsKilledAndTheWindowCountsTheOthers() throws Exception {
        Path data = tmp.resolve("broken");
        RangeRun run = RangeRun.of(tmp, data, "2026-11-26T09:50Z", "2026-11-26T10:00Z", "--demo-break-slot", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(run.stdout()).results().count()).isEqualTo(1);
        assertThat(run.stdout()).containsPattern("\\[2026-11-26 18:50\\] workflow \\S+ KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl "
                + "for 2026-11-26T09:50Z: (JA018: )?crawl failed: ranking not rendered within 15 s: nothing matches keyword selector");
        assertThat(run.stderr()).contains("local failed: realtime-trend failed at crawl");
        assertThat(Files.readAllLines(data.resolve("trends/window_end=202611261900/trends.csv")).subList(1, 2))
                .allSatisfy(row -> assertThat(row.split(",")[4]).as("the window counts the snapshot written").isEqualTo("1"));
    }

    @Test
    @Order(4)
    void timeoutStopsTheRunningActionAndEveryProcessOfTheRun() throws Exception {
        Path data = tmp.resolve("timeout");
        // 60 s: past the services' start even while the live scenarios start beside it, so an action is running
        RangeRun run = RangeRun.of(tmp, data, "2026-11-26T09:10Z", "2026-11-26T10:00Z", "--timeout", "PT1M");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("local failed: the runs did not end within --timeout PT1M");
        assertThat(run.millis()).as("the whole command after a 60 s timeout").isLessThan(120_000);
        // the command has exited; a process it stopped may still be ending: wait for each, bounded by the 10 s
        // grace between SIGTERM and SIGKILL, then assert
        try {
            CompletableFuture.allOf(run.processes().stream().map(ProcessHandle::onExit).toArray(CompletableFuture<?>[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // the assertion below names the processes still alive
        }
        assertThat(run.processes()).as("processes of the run").hasSizeGreaterThan(3)
                .noneMatch(ProcessHandle::isAlive);
        FaultTable.record("local --timeout PT1M over a 6-slot hour",
                "exit 1, running action and all " + run.processes().size() + " processes of the run ended",
                Duration.ofMillis(run.millis()));
    }
}
