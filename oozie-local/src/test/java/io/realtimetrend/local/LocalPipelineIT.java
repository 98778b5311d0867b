package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.Figures;
import io.realtimetrend.testing.ListeningSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/realtime-trend local --demo} end to end, as a user runs it: the real Oozie engine, browser, Hive,
 * Spark, Kafka and message server over one demo hour (nominal times 09:10Z..10:00Z = 18:10..19:00 KST). The live
 * run follows the clock (minutes of waiting), so it starts in the background before the other tests and the short
 * runs go meanwhile; the demo hour goes last, alone, so its figures are those of an idle machine and of JVMs with
 * their class-data archives written (as every run after a user's first).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineIT {

    @TempDir
    static Path shared;

    /** The live scenario, started before the tests and joined by its test method. */
    private static CompletableFuture<Void> liveScenario;

    /**
     * The delivery scenario (Kakao refuses, then accepts; then HiveServer2 stalls during a load), beside the live
     * scenario on a data root of its own.
     */
    private static CompletableFuture<Void> deliveryScenario;

    @BeforeAll
    static void startTheLiveScenarioInTheBackground() {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "live-scenario");
            thread.setDaemon(true);
            return thread;
        });
        liveScenario = CompletableFuture.runAsync(() -> {
            try {
                liveScenario(shared.resolve("live"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, background);
        background.shutdown();
        deliveryScenario = CompletableFuture.runAsync(() -> {
            try {
                deliveryStopsAndResumesWhileTheRunGoesOn(shared.resolve("delivery"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Whatever a failed scenario left running (a live command it did not stop) ends with the class. */
    @AfterAll
    static void endWhatIsLeft() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static final Path ROOT = RunningCommand.ROOT;

    @TempDir
    Path tmp;

    /** Exit code and output of one run of the command, and the listening sockets its processes held. */
    private record Run(int exitCode, String stdout, String stderr, java.util.Set<String> listening,
                       java.util.Set<String> exposed, java.util.Set<ProcessHandle> processes, long millis) {
    }

    private Run local(Path dataRoot, String... extra) throws Exception {
        return localRange(dataRoot, "2026-11-26T09:10Z", "2026-11-26T10:00Z", extra);
    }

    private Run localRange(Path dataRoot, String from, String to, String... extra) throws Exception {
        // any free port for Oozie's REST API: the live scenario runs beside these
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--demo",
                "--data-root", dataRoot.toString(), "--from", from, "--to", to, "--oozie-port", "0"));
        command.addAll(List.of(extra));
        Path out = Files.createTempFile(tmp, "local", ".out");
        Path err = Files.createTempFile(tmp, "local", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Run run;
        long started = System.nanoTime();
        try (ListeningSockets sockets = ListeningSockets.watch(process.toHandle())) {
            assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("local run ends").isTrue();
            run = new Run(process.exitValue(), Files.readString(out), Files.readString(err), sockets.seen(),
                    sockets.exposed(), sockets.processes(), (System.nanoTime() - started) / 1_000_000);
        }
        System.out.println(run.stdout());
        return run;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static long orcFiles(Path dataRoot, String hr) throws IOException {
        Path dir = dataRoot.resolve("warehouse/keyword_rank/dt=2026-11-26/hr=" + hr);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    @Order(6)
    void demoHourSucceedsAndARerunChangesNothing() throws Exception {
        Path data = tmp.resolve("data");
        Run first = local(data);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        // fault looked for: a service or engine of the run listening on an address other machines can reach
        assertThat(first.listening()).as("listening sockets seen").hasSizeGreaterThanOrEqualTo(3);
        assertThat(first.exposed()).as("sockets bound to non-loopback addresses, of " + first.listening()).isEmpty();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(first.stdout()).results().count()).isEqualTo(6);
        // the run is the app's bundle, submitted through Oozie's REST API on loopback, which it prints at once
        assertThat(first.stdout().lines().limit(3)).anyMatch(line -> line.matches("OOZIE_URL=http://127\\.0\\.0\\.1:\\d+/oozie"));
        assertThat(first.stdout()).containsPattern("(?m)^bundle \\S+-B submitted to http://127\\.0\\.0\\.1:\\d+/oozie$")
                .containsPattern("(?m)^coordinator \\S+-C started by the bundle, first run 2026-11-26T09:10Z$");
        Path trends = data.resolve("trends/window_end=202611261900/trends.csv");
        List<String> table = lines(trends);
        assertThat(table.get(0)).isEqualTo(
                "window_end,position,keyword,appearances,snapshots,appearance_ratio,avg_rank,best_rank,latest_rank");
        assertThat(table.subList(1, table.size())).allSatisfy(row -> assertThat(row.split(",")[4]).isEqualTo("6"));
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(orcFiles(data, "19")).isEqualTo(1);
        try (Stream<Path> raw = Files.list(data.resolve("raw/dt=2026-11-26/hr=18"))) {
            assertThat(raw.filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(5);
        }
        String message = lastKakaoText(first.stdout());
        List<String> top = table.subList(1, Math.min(11, table.size())).stream().map(r -> r.split(",")[2]).toList();
        List<String> sent = message.lines().skip(2).map(l -> l.substring(5)).toList();
        assertThat(sent).isEqualTo(top);
        assertThat(message).startsWith("[최근 1시간 인기 검색어] \n기준시간: 26/11/26 19:00:00 \n");
        report(first);

        // rerun with history damaged and the page changed: the 18:30 snapshot is gone and its slot is long past
        // crawlMaxLag, and the first page the site serves has a new layout (any crawl would read it and fail)
        Path raw = data.resolve("raw/dt=2026-11-26");
        java.util.Map<Path, byte[]> snapshots = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(raw)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                snapshots.put(raw.relativize(file), Files.readAllBytes(file));
            }
        }
        assertThat(snapshots).hasSize(6);
        Files.delete(raw.resolve("hr=18/202611261830.csv"));
        List<String> trendsOf1820 = lines(data.resolve("trends/window_end=202611261820/trends.csv"));

        Run second = local(data, "--demo-break-slot", "1", "-P", "crawlMaxLag=PT20M");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(second.stdout()).results().count()).isEqualTo(6);
        assertThat(Files.exists(raw.resolve("hr=18/202611261830.csv"))).as("the past is not invented").isFalse();
        for (var snapshot : snapshots.entrySet()) {
            if (!snapshot.getKey().endsWith("202611261830.csv")) {
                assertThat(Files.readAllBytes(raw.resolve(snapshot.getKey()))).as("kept " + snapshot.getKey())
                        .isEqualTo(snapshot.getValue());
            }
        }
        assertThat(lines(data.resolve("trends/window_end=202611261820/trends.csv"))).isEqualTo(trendsOf1820);
        assertThat(lines(trends).subList(1, lines(trends).size()))
                .allSatisfy(row -> assertThat(row.split(",")[4]).as("the window counts the 5 snapshots left").isEqualTo("5"));
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(orcFiles(data, "19")).isEqualTo(1);
        // the rerun read the table through the metastore service, which returned only the window's partitions: the
        // 18:10 window reads hours 17 and 18 of a table that now holds 18 and 19
        Matcher logs = Pattern.compile(", logs (\\S+)$", Pattern.MULTILINE).matcher(second.stdout());
        Matcher first1810 = Pattern.compile("^\\[2026-11-26 18:10\\] workflow (\\S+) SUCCEEDED", Pattern.MULTILINE)
                .matcher(second.stdout());
        assertThat(logs.find() && first1810.find()).as(second.stdout()).isTrue();
        assertThat(Files.readString(Path.of(logs.group(1)).resolve(first1810.group(1) + "-analyze.log")))
                .contains("realtime_trend.keyword_rank: 1 partitions fetched from the metastore by filter, files read in "
                        + "[dt=2026-11-26/hr=18]");
    }

    @Test
    @Order(3)
    void aSlotWhosePageChangedItsLayoutIsKilledAndTheWindowCountsTheOthers() throws Exception {
        Path data = tmp.resolve("broken");
        Run run = localRange(data, "2026-11-26T09:50Z", "2026-11-26T10:00Z", "--demo-break-slot", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(run.stdout()).results().count()).isEqualTo(1);
        assertThat(run.stdout()).containsPattern("\\[2026-11-26 18:50\\] workflow \\S+ KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl "
                + "for 2026-11-26T09:50Z: (JA018: )?crawl failed: ranking not rendered within 15 s: nothing matches keyword selector");
        assertThat(run.stderr()).contains("local failed: realtime-trend failed at crawl");
        assertThat(lines(data.resolve("trends/window_end=202611261900/trends.csv")).subList(1, 2))
                .allSatisfy(row -> assertThat(row.split(",")[4]).as("the window counts the snapshot written").isEqualTo("1"));
    }

    @Test
    @Order(4)
    void timeoutStopsTheRunningActionAndEveryProcessOfTheRun() throws Exception {
        Path data = tmp.resolve("timeout");
        // 60 s: past the services' start even while the live scenarios start beside it, so an action is running
        Run run = localRange(data, "2026-11-26T09:10Z", "2026-11-26T10:00Z", "--timeout", "PT1M");

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
        io.realtimetrend.testing.FaultTable.record("local --timeout PT1M over a 6-slot hour",
                "exit 1, running action and all " + run.processes().size() + " processes of the run ended",
                java.time.Duration.ofMillis(run.millis()));
    }

    @Test
    @Order(1)
    void theLivePageIsNotCrawledForThePast() throws Exception {
        Path data = tmp.resolve("live-past");
        List<String> command = List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--url",
                "http://127.0.0.1:9/", "--data-root", data.toString(), "--from", "2026-11-26T09:10Z",
                "--to", "2026-11-26T10:00Z");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.strip()).startsWith("local failed: the live page http://127.0.0.1:9/ shows only the present "
                + "ranking, and --from 2026-11-26T09:10Z is more than crawlMaxLag PT20M ago").doesNotContain("\n");
        assertThat(data).as("nothing written").doesNotExist();
    }

    /** {@code local --live --demo} at a 1-minute frequency on {@code dataRoot}, with any free Oozie port. */
    private static RunningCommand live(Path dataRoot, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("local", "--live", "--demo", "--frequency-minutes", "1",
                "--data-root", dataRoot.toString(), "--oozie-port", "0"));
        args.addAll(List.of(extra));
        return new RunningCommand(shared, args);
    }

    private static final String RUN = "^\\[(\\S+ \\S+)\\] workflow \\S+ ";

    /** The nominal time of a {@code [yyyy-MM-dd HH:mm] workflow …} line (KST). */
    private static Instant nominal(Matcher line) {
        return nominal(line.group(1));
    }

    private static Instant nominal(String kst) {
        return java.time.LocalDateTime.parse(kst.replace(' ', 'T')).atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant();
    }

    private static java.util.Map<Path, byte[]> snapshots(Path data) throws IOException {
        java.util.Map<Path, byte[]> snapshots = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(data.resolve("raw"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                snapshots.put(file, Files.readAllBytes(file));
            }
        }
        return snapshots;
    }

    @Test
    @Order(5)
    void liveRunFollowsTheClockGoesOnAfterAFailedSlotStopsOnSigtermResumesWithoutDuplicatesAndEndsAtTo() throws Exception {
        join(liveScenario, 15);
    }

    /** What the live test asserts, run in the background from before the first test (see the class comment). */
    private static void liveScenario(Path data) throws Exception {
        java.time.Duration wait = java.time.Duration.ofMinutes(4);

        // first start: the first page the demo site serves has a new layout, so the first run fails and the next
        // minute's run, started by the clock, crawls the next page
        RunningCommand first = live(data, "--demo-break-slot", "1");
        Matcher killed = first.await(RUN + "KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl .*", 1, wait).get(0);
        Matcher succeeded = first.await(RUN + "SUCCEEDED .*", 1, wait).get(0);
        first.await("^message-server: recent_topics-0@\\d+ key \\S+: SENT$", 1, java.time.Duration.ofMinutes(1));
        first.await("^trends of the hour ending .*", 1, java.time.Duration.ofSeconds(30));
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
        RunningCommand sigkilled = live(data);
        Matcher killedRun = sigkilled.await(RUN + "SUCCEEDED .*", 1, wait).get(0);
        sigkilled.await("^message-server: recent_topics-0@\\d+ key \\S+: (SENT|ALREADY_SENT)$", 1,
                java.time.Duration.ofMinutes(1));
        long killedAt = System.nanoTime();
        sigkilled.process.destroyForcibly();
        long orphansEnded = sigkilled.awaitEnd(killedAt, 30);
        Instant stopped = Instant.now();
        assertThat(orphansEnded).as("SIGKILL of local to every child ended, ms").isLessThan(30_000);
        assertThat(sigkilled.tree.processes()).as("processes of the sigkilled run").hasSizeGreaterThan(3)
                .noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses().filter(p -> PreviousRun.commandLine(p).contains(data + "/")))
                .as("processes of the data root").isEmpty();
        io.realtimetrend.testing.FaultTable.record("local --live: kill -9 between two runs, then restarted",
                "all " + sigkilled.tree.processes().size() + " children ended by themselves; on restart no duplicate "
                        + "snapshot, ORC file or KakaoTalk message", java.time.Duration.ofMillis(orphansEnded));
        java.util.Map<Path, byte[]> before = snapshots(data);

        // started again on the same data root with --to: the next runs by the clock, nothing of the stopped minutes
        // invented, and the command ends by itself once the run at --to is done and its message handled
        Instant to = Schedule.nextRun(Instant.now().plusSeconds(60), 1);
        RunningCommand second = live(data, "--to", to.toString());
        // beside it, on a data root of its own, a third start that the stock oozie CLI steers and kills
        CompletableFuture<Void> steered = CompletableFuture.runAsync(() -> {
            try {
                theStockCliSteersALiveRunAndItsKillOfTheBundleEndsIt(shared.resolve("live-cli"));
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
                assertThat(java.time.LocalDateTime.parse(slot.replace(' ', 'T')).atZone(java.time.ZoneId.of("Asia/Seoul"))
                        .toInstant()).isAfter(stopped.minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        // no duplicate snapshot: the one written is kept byte for byte; a new one only for a new 10-minute slot
        java.util.Map<Path, byte[]> after = snapshots(data);
        before.forEach((file, bytes) -> assertThat(after.get(file)).as("kept " + file).isEqualTo(bytes));
        List<Instant> killedRuns = Pattern.compile(RUN + "SUCCEEDED .*", Pattern.MULTILINE).matcher(sigkilled.stdout())
                .results().map(r -> nominal(r.group(1))).toList();
        assertThat(killedRuns).startsWith(nominal(killedRun));
        List<io.realtimetrend.contract.Slot> runSlots = Stream.of(Stream.of(nominal(succeeded)), killedRuns.stream(),
                secondRuns.stream()).flatMap(s -> s).map(t -> io.realtimetrend.contract.Slot.of(t, java.time.ZoneId.of("Asia/Seoul"))).toList();
        assertThat(after).hasSize((int) runSlots.stream().distinct().count());
        // no duplicate row: each hour's partition is one set of ORC files rewritten from the raw snapshots, and the
        // window counts each snapshot once
        try (Stream<Path> hours = Files.list(data.resolve("warehouse/keyword_rank")).flatMap(LocalPipelineIT::list)) {
            for (Path hour : hours.toList()) {
                try (Stream<Path> files = Files.list(hour)) {
                    assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".")).count()).as(hour.toString()).isEqualTo(1);
                }
            }
        }
        try (Stream<Path> windows = Files.list(data.resolve("trends"))) {
            for (Path window : windows.toList()) {
                List<String> rows = lines(window.resolve("trends.csv"));
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
                + java.time.Duration.between(first.started, Instant.now()).toSeconds() + " s");
        io.realtimetrend.testing.FaultTable.record("local --live: SIGTERM between two runs, then restarted",
                "exit 0, all " + first.tree.processes().size() + " processes ended; on restart no duplicate snapshot, "
                        + "ORC file or KakaoTalk message", java.time.Duration.ofMillis(firstStop));

        join(steered, 6);
    }

    /** Waits for a scenario run in the background; its failure is thrown as it was raised. */
    private static void join(CompletableFuture<Void> scenario, int minutes) throws Exception {
        try {
            scenario.get(minutes, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    /**
     * A live run steered as a user steers it from another shell: the stock {@code oozie} CLI at the {@code OOZIE_URL}
     * it prints lists, inspects, suspends and resumes its bundle, then kills it while a workflow runs, which ends the
     * live run by itself.
     */
    private static void theStockCliSteersALiveRunAndItsKillOfTheBundleEndsIt(Path data) throws Exception {
        java.time.Duration wait = java.time.Duration.ofMinutes(4);
        RunningCommand live = live(data);
        OozieCli oozie = new OozieCli(live.await("^OOZIE_URL=(\\S+)$", 1, wait).get(0).group(1), shared);
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
                1, java.time.Duration.ofSeconds(30));
        assertThat(oozie.run("job", "-resume", bundleId).exitCode()).isZero();
        live.await("^coordinator " + Pattern.quote(coordId) + " RUNNING\\S* again$", 1, java.time.Duration.ofSeconds(30));
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
        io.realtimetrend.testing.FaultTable.record("local --live: oozie job -kill <bundle> while a workflow runs",
                "exit 0, all " + live.tree.processes().size() + " processes ended, every visible file whole",
                java.time.Duration.ofMillis(end));
    }

    @Test
    @Order(2)
    void liveWithKakaoSecretFilesKeepsTheMessageServersRulesAndStopsWhenItRefusesThem() throws Exception {
        Path tokens = Files.writeString(tmp.resolve("tokens.json"), "{\"access_token\": \"a\", \"refresh_token\": \"r\"}");
        Files.setPosixFilePermissions(tokens, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path key = Files.writeString(tmp.resolve("rest-api-key"), "k");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        RunningCommand live = live(tmp.resolve("kakao"), "--kakao-token-file", tokens.toString(),
                "--kakao-rest-api-key-file", key.toString());
        live.awaitEnd(System.nanoTime(), 180);

        assertThat(live.process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(live.err).strip()).startsWith("local failed: the message server stopped: "
                + "message-server failed: token file " + tokens + " is readable by others").doesNotContain("\n");
        assertThat(live.tree.processes()).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(5)
    void kakaoRefusingTheSenderOrAStalledHiveServerStopsOnlyTheirPartAndTheNextSlotsRunOnTime() throws Exception {
        join(deliveryScenario, 12);
    }

    /**
     * What the delivery test asserts: Kakao answers 403 (-3) to the live run's message server, which exits; the next
     * slots are still crawled and loaded, the run says each time that delivery stopped, and once Kakao accepts
     * again the restarted server sends the waiting windows, each once. Then HiveServer2 stalls during a load (see
     * {@link #aStalledHiveServerFailsTheLoadWithinItsBoundAndTheNextSlotIsCrawledOnTime}).
     */
    private static void deliveryStopsAndResumesWhileTheRunGoesOn(Path data) throws Exception {
        Files.createDirectories(data);
        Path tokens = Files.writeString(data.resolve("tokens.json"), "{\"access_token\": \"a\", \"refresh_token\": \"r\"}");
        Path key = Files.writeString(data.resolve("rest-api-key"), "k");
        for (Path secret : List.of(tokens, key)) {
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        try (SwitchableKakao kakao = new SwitchableKakao()) {
            RunningCommand live = live(data.resolve("root"), "--kakao-token-file", tokens.toString(),
                    "--kakao-rest-api-key-file", key.toString(), "--kakao-api-base", kakao.base().toString());
            java.time.Duration wait = java.time.Duration.ofMinutes(4);
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
            io.realtimetrend.testing.FaultTable.record("local --live: Kakao answers 403/-3, later 200",
                    "the next slot crawled and loaded; delivery restarted with backoff, each waiting window sent once",
                    java.time.Duration.ofNanos(resumed - stoppedAt));
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
        Instant until = Instant.now().plus(java.time.Duration.ofMinutes(3));
        while (live.process.descendants().noneMatch(p -> PreviousRun.commandLine(p).contains(runHqlMain))) {
            assertThat(Instant.now()).as("a load running, in\n" + live.stdout()).isBefore(until);
            Thread.sleep(50);
        }
        signal(hiveServer, "STOP");
        long stalled = System.nanoTime();
        try {
            Matcher failed = live.await(RUN + "KILLED .*", killedBefore + 1, java.time.Duration.ofMinutes(3))
                    .get(killedBefore);
            java.time.Duration toFail = java.time.Duration.ofNanos(System.nanoTime() - stalled);
            assertThat(failed.group()).contains("realtime-trend failed at load");
            // the bound: the 1-minute action timeout, plus the watch's polling and the workflow's end
            assertThat(toFail).as("SIGSTOP of HiveServer2 to the workflow KILLED at load")
                    .isLessThan(java.time.Duration.ofSeconds(100));
            Instant next = nominal(failed).plusSeconds(60);
            String nextSlot = java.time.LocalDateTime.ofInstant(next, java.time.ZoneId.of("Asia/Seoul")).toString()
                    .replace('T', ' ');
            live.await("^\\[" + Pattern.quote(nextSlot) + "\\] crawl +OK\\b.*", 1, java.time.Duration.ofMinutes(3));
            java.time.Duration late = java.time.Duration.between(next, Instant.now());
            assertThat(late).as("the next slot's crawl OK after its nominal time " + next).isLessThan(
                    java.time.Duration.ofMinutes(2));
            io.realtimetrend.testing.FaultTable.record("local --live: HiveServer2 SIGSTOPped during a load",
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

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lastKakaoText(String stdout) {
        Matcher m = Pattern.compile("\\{\"object_type\":\"text\",\"text\":\"(.*?)\",\"link\"").matcher(stdout);
        String text = null;
        while (m.find()) {
            text = m.group(1);
        }
        assertThat(text).as("the message server's dry-run output").isNotNull();
        return text.replace("\\n", "\n");
    }

    private static void report(Run run) throws IOException {
        Matcher m = Pattern.compile("figures: (.*)").matcher(run.stdout());
        assertThat(m.find()).isTrue();
        Figures.report("local", m.group(1) + " (targets: ≤ 12000 ms per cycle, none over 15000 ms, ≤ 90000 ms for the hour, ≤ 2560 MiB)");
    }
}
