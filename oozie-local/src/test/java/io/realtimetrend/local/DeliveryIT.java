package io.realtimetrend.local;

import static io.realtimetrend.local.BackgroundScenarios.RUN;
import static io.realtimetrend.local.BackgroundScenarios.liveCommand;
import static io.realtimetrend.local.BackgroundScenarios.nominal;
import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FaultTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A live run whose delivery and load fail while its clock goes on: Kakao refuses the sender, then accepts; then
 * HiveServer2 stalls during a load. Run in the background ({@link BackgroundScenarios}); the test joins it.
 */
@Order(4)
class DeliveryIT {

    @Test
    void kakaoRefusingTheSenderOrAStalledHiveServerStopsOnlyTheirPartAndTheNextSlotsRunOnTime() throws Exception {
        BackgroundScenarios.join(BackgroundScenarios.delivery(), 12);
    }

    @AfterAll
    static void endWhatIsLeft() {
        BackgroundScenarios.endWhatIsLeft();
    }

    /**
     * What the delivery test asserts: Kakao answers 403 (-3) to the live run's message server, which exits; the next
     * slots are still crawled and loaded, the run says each time that delivery stopped, and once Kakao accepts
     * again the restarted server sends the waiting windows, each once. Then HiveServer2 stalls during a load (see
     * {@link #aStalledHiveServerFailsTheLoadWithinItsBoundAndTheNextSlotIsCrawledOnTime}).
     */
    static void scenario(Path data) throws Exception {
        Files.createDirectories(data);
        Path tokens = Files.writeString(data.resolve("tokens.json"), "{\"access_token\": \"a\", \"refresh_token\": \"r\"}");
        Path key = Files.writeString(data.resolve("rest-api-key"), "k");
        for (Path secret : List.of(tokens, key)) {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        try (SwitchableKakao kakao = new SwitchableKakao()) {
            RunningCommand live = liveCommand(data.resolve("root"), "--kakao-token-file", tokens.toString(),
                    "--kakao-rest-api-key-file", key.toString(), "--kakao-api-base", kakao.base().toString());
            Duration wait = Duration.ofMinutes(4);
            Matcher stopped = live.await("^message-server: DELIVERY STOPPED: .*HTTP 403, Kakao code -3: .*", 1, wait).get(0);
            long stoppedAt = System.nanoTime();
            int runsBefore = live.await(RUN + "SUCCEEDED .*", 1, wait).size();
            // the next slot is crawled, loaded, analyzed and published while delivery is stopped
            live.await(RUN + "SUCCEEDED .*", runsBefore + 1, wait);
            live.await("^message-server: DELIVERY STOPPED \\(.*\\): the message of .* waits in Kafka$", 1, wait);
            live.await("^message-server: started again \\(delivery stopped: .*", 1, wait);
            kakao.accept();
            live.await("^message-server: recent_topics-0@\\d+ key \\S+: SENT$", 1, wait);
            long resumed = System.nanoTime();
            aStalledHiveServerFailsTheLoadWithinItsBoundAndTheNextSlotIsCrawledOnTime(live);

            live.sigterm();

            assertThat(live.process.exitValue()).as("exit code after SIGTERM").isZero();
            assertThat(live.tree.processes()).as("processes of the run").noneMatch(ProcessHandle::isAlive);
            assertThat(stopped.group()).contains("message-server failed: Kakao refused to send");
            List<String> sent = Pattern.compile("^message-server: recent_topics-0@\\d+ key (\\S+): SENT$", Pattern.MULTILINE)
                    .matcher(live.stdout()).results().map(r -> r.group(1)).toList();
            assertThat(sent).doesNotHaveDuplicates();
            assertThat(kakao.delivered()).hasSameSizeAs(sent);
            assertThat(kakao.refused()).isPositive();
            FaultTable.record("local --live: Kakao answers 403/-3, later 200",
                    "the next slot crawled and loaded; delivery restarted with backoff, each waiting window sent once",
                    Duration.ofNanos(resumed - stoppedAt));
        }
    }

    /**
     * What the stalled-HiveServer2 test asserts, on the delivery scenario's live run (default {@code --action-timeout}:
     * the 1-minute frequency): HiveServer2 is stopped (SIGSTOP: its process and sockets stay, nothing answers) while a
     * load runs; that workflow is KILLED at load within the action's bound, and the next slot is crawled by the clock.
     * HiveServer2 is continued before this returns.
     */
    private static void aStalledHiveServerFailsTheLoadWithinItsBoundAndTheNextSlotIsCrawledOnTime(RunningCommand live)
            throws Exception {
        ModuleJvm build = new ModuleJvm(Path.of("..").toAbsolutePath().normalize());
        String hiveServerMain = build.mainClass(ModuleMain.HIVE_SERVER);
        String runHqlMain = build.mainClass(ModuleMain.RUN_HQL);
        ProcessHandle hiveServer = live.process.descendants()
                .filter(p -> PreviousRun.commandLine(p).contains(hiveServerMain)).findFirst()
                .orElseThrow(() -> new AssertionError("no HiveServer2 among the run's processes"));
        int killedBefore = Pattern.compile(RUN + "KILLED .*", Pattern.MULTILINE).matcher(live.stdout()).results()
                .toList().size();
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (live.process.descendants().noneMatch(p -> PreviousRun.commandLine(p).contains(runHqlMain))) {
            assertThat(Instant.now()).as("a load running, in\n" + live.stdout()).isBefore(until);
            Thread.sleep(50);
        }
        signal(hiveServer, "STOP");
        long stalled = System.nanoTime();
        try {
            Matcher failed = live.await(RUN + "KILLED .*", killedBefore + 1, Duration.ofMinutes(3))
                    .get(killedBefore);
            Duration toFail = Duration.ofNanos(System.nanoTime() - stalled);
            assertThat(failed.group()).contains("realtime-trend failed at load");
            // the bound: the 1-minute action timeout, plus the watch's polling and the workflow's end
            assertThat(toFail).as("SIGSTOP of HiveServer2 to the workflow KILLED at load")
                    .isLessThan(Duration.ofSeconds(100));
            Instant next = nominal(failed).plusSeconds(60);
            String nextSlot = LocalDateTime.ofInstant(next, ZoneId.of("Asia/Seoul")).toString()
                    .replace('T', ' ');
            live.await("^\\[" + Pattern.quote(nextSlot) + "\\] crawl +OK\\b.*", 1, Duration.ofMinutes(3));
            Duration late = Duration.between(next, Instant.now());
            assertThat(late).as("the next slot's crawl OK after its nominal time " + next).isLessThan(
                    Duration.ofMinutes(2));
            FaultTable.record("local --live: HiveServer2 SIGSTOPped during a load",
                    "that workflow KILLED at load within the 1-minute action timeout; the next slot crawled "
                            + late.toSeconds() + " s after its nominal time", toFail);
        } finally {
            signal(hiveServer, "CONT");
        }
    }

    private static void signal(ProcessHandle process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }
}
