package io.realtimetrend.local;

import static io.realtimetrend.local.BackgroundScenarios.RUN;
import static io.realtimetrend.local.BackgroundScenarios.liveCommand;
import static io.realtimetrend.local.BackgroundScenarios.nominal;
import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.Slot;
import io.realtimetrend.testing.FaultTable;
import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/realtime-trend local --live --demo} at a 1-minute frequency, over three starts on one data root: a
 * failed slot, SIGTERM, SIGKILL, a restart ending at {@code --to}; beside it a fourth start that the stock
 * {@code oozie} CLI steers and kills. Run in the background ({@link BackgroundScenarios}); the test joins it.
 */
@Order(3)
class LiveRunIT {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    @Test
    void liveRunFollowsTheClockGoesOnAfterAFailedSlotStopsOnSigtermResumesWithoutDuplicatesAndEndsAtTo() throws Exception {
        BackgroundScenarios.join(BackgroundScenarios.live(), 15);
    }

    @AfterAll
    static void endWhatIsLeft() {
        BackgroundScenarios.endWhatIsLeft();
    }

    /** What the test asserts, run in the background from before the short runs (see the class comment). */
    static void scenario(Path data) throws Exception {
        Duration wait = Duration.ofMinutes(4);

        // first start: the first page the demo site serves has a new layout, so the first run fails and the next
        // minute's run, started by the clock, crawls the next page
        RunningCommand first = liveCommand(data, "--demo-break-slot", "1");
        Matcher killed = first.await(RUN + "KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl .*", 1, wait).get(0);
        Matcher succeeded = first.await(RUN + "SUCCEEDED .*", 1, wait).get(0);
        first.await("^message-server: recent_topics-0@\\d+ key \\S+: SENT$", 1, Duration.ofMinutes(1));
        first.await("^trends of the hour ending .*", 1, Duration.ofSeconds(30));
        long firstStop = first.sigterm();

        assertThat(first.process.exitValue()).as("exit code after SIGTERM").isZero();
        assertThat(firstStop).as("SIGTERM to every process ended, ms").isLessThan(30_000);
        assertThat(first.tree.processes()).as("processes of the run").hasSizeGreaterThan(3).noneMatch(ProcessHandle::isAlive);
        assertThat(first.tree.exposed()).isEmpty();
        assertThat(nominal(killed)).as("started by the clock").isAfter(first.started);
        assertThat(nominal(succeeded)).isEqualTo(nominal(killed).plusSeconds(60));
        assertThat(first.stdout()).contains("crawl failed: ranking not rendered within 15 s").contains("stopping on SIGTERM");
        assertThat(snapshots(data)).hasSize(1);

        // started again, then killed with SIGKILL between two runs: its children see their parent gone and end by
        // themselves (OrphanGuard), so nothing of the data root is left running
        RunningCommand sigkilled = liveCommand(data);
        Matcher killedRun = sigkilled.await(RUN + "SUCCEEDED .*", 1, wait).get(0);
        sigkilled.await("^message-server: recent_topics-0@\\d+ key \\S+: (SENT|ALREADY_SENT)$", 1,
                Duration.ofMinutes(1));
        long killedAt = System.nanoTime();
        sigkilled.process.destroyForcibly();
        long orphansEnded = sigkilled.awaitEnd(killedAt, 30);
        Instant stopped = Instant.now();
        assertThat(orphansEnded).as("SIGKILL of local to every child ended, ms").isLessThan(30_000);
        assertThat(sigkilled.tree.processes()).as("processes of the sigkilled run").hasSizeGreaterThan(3)
                .noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses().filter(p -> PreviousRun.commandLine(p).contains(data + "/")))
                .as("processes of the data root").isEmpty();
        FaultTable.record("local --live: kill -9 between two runs, then restarted",
                "all " + sigkilled.tree.processes().size() + " children ended by themselves; on restart no duplicate "
                        + "snapshot, ORC file or KakaoTalk message", Duration.ofMillis(orphansEnded));
        Map<Path, byte[]> before = snapshots(data);

        // started again on the same data root with --to: the next runs by the clock, nothing of the stopped minutes
        // invented, and the command ends by itself once the run at --to is done and its message handled
        Instant to = Schedule.nextRun(Instant.now().plusSeconds(60), 1);
        RunningCommand second = liveCommand(data, "--to", to.toString());
        // beside it, on a data root of its own, a third start that the stock oozie CLI steers and kills
        CompletableFuture<Void> steered = CompletableFuture.runAsync(() -> {
            try {
                theStockCliSteersALiveRunAndItsKillOfTheBundleEndsIt(BackgroundScenarios.DIR.resolve("live-cli"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Matcher resumed = second.await(RUN + "SUCCEEDED .*", 1, wait).get(0);
        long secondEnd = second.awaitEnd(System.nanoTime(), 240);

        assertThat(second.process.exitValue()).as("exit code at --to").isZero();
        assertThat(second.stdout()).contains("ended: its last run (--to) is done").doesNotContain("not handled within");
        assertThat(second.tree.processes()).noneMatch(ProcessHandle::isAlive);
        List<Instant> secondRuns = Pattern.compile(RUN + "SUCCEEDED .*", Pattern.MULTILINE).matcher(second.stdout())
                .results().map(r -> nominal(r.group(1))).toList();
        assertThat(secondRuns).as("runs of the second start, the last at --to").isNotEmpty().last().isEqualTo(to);
        assertThat(nominal(resumed)).as("the next run after the restart").isAfter(stopped.minusSeconds(60))
                .isAfter(second.started.minusSeconds(60));
        assertThat(Pattern.compile(RUN, Pattern.MULTILINE).matcher(second.stdout()).results()
                .map(r -> r.group(1)).distinct()).as("runs of the second start").allSatisfy(slot ->
                assertThat(LocalDateTime.parse(slot.replace(' ', 'T')).atZone(KST)
                        .toInstant()).isAfter(stopped.minusSeconds(1).truncatedTo(ChronoUnit.MINUTES)));
        // no duplicate snapshot: the one written is kept byte for byte; a new one only for a new 10-minute slot
        Map<Path, byte[]> after = snapshots(data);
        before.forEach((file, bytes) -> assertThat(after.get(file)).as("kept " + file).isEqualTo(bytes));
        List<Instant> killedRuns = Pattern.compile(RUN + "SUCCEEDED .*", Pattern.MULTILINE).matcher(sigkilled.stdout())
                .results().map(r -> nominal(r.group(1))).toList();
        assertThat(killedRuns).startsWith(nominal(killedRun));
        List<Slot> runSlots = Stream.of(Stream.of(nominal(succeeded)), killedRuns.stream(),
                secondRuns.stream()).flatMap(s -> s).map(t -> Slot.of(t, KST)).toList();
        assertThat(after).hasSize((int) runSlots.stream().distinct().count());
        // no duplicate row: each hour's partition is one set of ORC files rewritten from the raw snapshots, and the
        // window counts each snapshot once
        try (Stream<Path> hours = Files.list(data.resolve("warehouse/keyword_rank")).flatMap(LiveRunIT::list)) {
            for (Path hour : hours.toList()) {
                try (Stream<Path> files = Files.list(hour)) {
                    assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".")).count()).as(hour.toString()).isEqualTo(1);
                }
            }
        }
        try (Stream<Path> windows = Files.list(data.resolve("trends"))) {
            for (Path window : windows.toList()) {
                List<String> rows = Files.readAllLines(window.resolve("trends.csv"));
                assertThat(rows.subList(1, rows.size())).allSatisfy(row ->
                        assertThat(Integer.parseInt(row.split(",")[4])).isBetween(1, after.size()));
            }
        }
        // no duplicate message: each window's key sent to KakaoTalk once over the three starts
        List<String> sent = Pattern.compile("^message-server: recent_topics-0@\\d+ key (\\S+): SENT$", Pattern.MULTILINE)
                .matcher(first.stdout() + sigkilled.stdout() + second.stdout()).results().map(r -> r.group(1)).toList();
        assertThat(sent).doesNotHaveDuplicates().hasSize(after.size());
        if (runSlots.size() > after.size()) {
            // a later run of a slot already sent: the same key again, which the message server does not resend
            assertThat(sigkilled.stdout() + second.stdout()).containsPattern("key \\S+: ALREADY_SENT");
        }
        Figures.report("local --live", "SIGTERM to every process ended: " + firstStop + " ms (target ≤ 30000 ms); "
                + "the restart ended by --to " + secondEnd + " ms after its first run SUCCEEDED; whole test "
                + Duration.between(first.started, Instant.now()).toSeconds() + " s");
        FaultTable.record("local --live: SIGTERM between two runs, then restarted",
                "exit 0, all " + first.tree.processes().size() + " processes ended; on restart no duplicate snapshot, "
                        + "ORC file or KakaoTalk message", Duration.ofMillis(firstStop));

        BackgroundScenarios.join(steered, 6);
    }

    /**
     * A live run steered as a user steers it from another shell: the stock {@code oozie} CLI at the {@code OOZIE_URL}
     * it prints lists, inspects, suspends and resumes its bundle, then kills it while a workflow runs, which ends the
     * live run by itself.
     */
    private static void theStockCliSteersALiveRunAndItsKillOfTheBundleEndsIt(Path data) throws Exception {
        Duration wait = Duration.ofMinutes(4);
        RunningCommand live = liveCommand(data);
        OozieCli oozie = new OozieCli(live.await("^OOZIE_URL=(\\S+)$", 1, wait).get(0).group(1), BackgroundScenarios.DIR);
        String bundleId = live.await("^bundle (\\S+-B) submitted to .*", 1, wait).get(0).group(1);
        String coordId = live.await("^coordinator (\\S+-C) started by the bundle, .*", 1, wait).get(0).group(1);
        String wfId = live.await("^\\[\\S+ \\S+\\] workflow (\\S+-W) SUCCEEDED .*", 1, wait).get(0).group(1);

        OozieCli.Result jobs = oozie.run("jobs", "-jobtype", "bundle");
        assertThat(jobs.stdout()).as(jobs.toString())
                .containsPattern("(?m)^" + Pattern.quote(bundleId) + "\\s+realtime-trend-bundle\\s*RUNNING\\b");
        OozieCli.Result bundle = oozie.run("job", "-info", bundleId);
        assertThat(bundle.stdout()).as(bundle.toString()).contains(coordId);
        OozieCli.Result workflow = oozie.run("job", "-info", wfId);
        for (String action : List.of("crawl", "load", "analyze", "publish")) {
            assertThat(workflow.stdout()).as(workflow.toString())
                    .containsPattern("(?m)^" + Pattern.quote(wfId + "@" + action) + "\\s+OK\\b");
        }
        OozieCli.Result log = oozie.run("job", "-log", wfId);
        assertThat(log.exitCode()).as(log.toString()).isZero();
        assertThat(log.stdout()).as("oozie job -log " + wfId).contains("JOB[" + wfId + "]");

        assertThat(oozie.run("job", "-suspend", bundleId).exitCode()).isZero();
        live.await("^coordinator " + Pattern.quote(coordId) + " SUSPENDED: no run starts until the bundle is resumed .*",
                1, Duration.ofSeconds(30));
        assertThat(oozie.run("job", "-resume", bundleId).exitCode()).isZero();
        live.await("^coordinator " + Pattern.quote(coordId) + " RUNNING\\S* again$", 1, Duration.ofSeconds(30));
        assertThat(oozie.run("job", "-info", bundleId).stdout()).containsPattern("(?m)^Status\\s*: RUNNING$");

        // the kill lands while a workflow runs: just after a crawl ends, its load starts
        int crawled = live.await("^\\[\\S+ \\S+\\] crawl +OK .*", 1, wait).size();
        live.await("^\\[\\S+ \\S+\\] crawl +OK .*", crawled + 1, wait);
        long killed = System.nanoTime();
        assertThat(oozie.run("job", "-kill", bundleId).exitCode()).isZero();
        long end = live.awaitEnd(killed, 30);

        assertThat(live.process.exitValue()).as("exit code after oozie job -kill").isZero();
        assertThat(live.stdout()).containsPattern("(?m)^\\[\\S+ \\S+\\] workflow \\S+-W KILLED .*")
                .containsPattern("(?m)^bundle " + Pattern.quote(bundleId) + " was killed \\(oozie job -kill\\): the live run ends$");
        assertThat(end).as("oozie job -kill to every process ended, ms").isLessThan(30_000);
        assertThat(live.tree.processes()).as("processes of the run").hasSizeGreaterThan(3).noneMatch(ProcessHandle::isAlive);
        assertThat(live.tree.exposed()).isEmpty();
        DataRootFiles.assertNoPartialFileVisible(data);
        FaultTable.record("local --live: oozie job -kill <bundle> while a workflow runs",
                "exit 0, all " + live.tree.processes().size() + " processes ended, every visible file whole",
                Duration.ofMillis(end));
    }

    private static Map<Path, byte[]> snapshots(Path data) throws IOException {
        Map<Path, byte[]> snapshots = new TreeMap<>();
        try (Stream<Path> files = Files.walk(data.resolve("raw"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                snapshots.put(file, Files.readAllBytes(file));
            }
        }
        return snapshots;
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
