package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's operations, typed as a user types them: the stock {@code oozie} CLI ({@link OozieCli}) against
 * {@code local --demo --serve}, which ran the app's bundle over the last four slots up to now (the fourth one's page
 * changed its layout, so that run was killed at crawl) and stays up. Each scenario asserts the data the command
 * leaves, not only Oozie's status. The slots are recent and {@code crawlMaxLag} is the 50 minutes of the run's
 * {@code -P}, so the crawl's rules are those of a live page: a slot is crawled only within that lag.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OozieOperationsIT {

    private static final ZoneId ZONE = TimeFormats.DEFAULT_ZONE;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path home;

    private static Path data;
    private static RunningCommand local;
    private static OozieCli oozie;
    private static String coordId;
    /** The four slots of the range, oldest first: coordinator actions 1..4. */
    private static List<Slot> slots;

    @BeforeAll
    static void serveARangeOfFourSlotsTheLastOfWhichFailedAtCrawl() throws Exception {
        Instant current = Slot.of(Instant.now(), ZONE).start().toInstant();
        slots = List.of(30, 20, 10, 0).stream().map(m -> Slot.of(current.minus(Duration.ofMinutes(m)), ZONE)).toList();
        data = home.resolve("data");
        local = new RunningCommand(home, List.of("local", "--demo", "--serve", "--oozie-port", "0",
                "--data-root", data.toString(), "--from", oozieTime(slots.get(0)), "--to", oozieTime(slots.get(3)),
                "--demo-break-slot", "4", "-P", "crawlMaxLag=" + MAX_LAG));
        local.await("^serving Oozie at .*", 1, Duration.ofMinutes(6));
        oozie = new OozieCli(local.await("^OOZIE_URL=(\\S+)$", 1, WAIT).get(0).group(1), home);
        coordId = local.await("^coordinator (\\S+-C) started by the bundle, .*", 1, WAIT).get(0).group(1);
        assertThat(local.stdout()).contains("a run of the range failed: realtime-trend failed at crawl");
    }

    /** Ctrl-C/SIGTERM ends a serving run: exit 0, nothing of it left. */
    @AfterAll
    static void sigtermEndsTheServingRun() throws Exception {
        long millis = local.sigterm();

        assertThat(local.process.exitValue()).isZero();
        assertThat(local.stdout()).contains("stopping on SIGTERM");
        assertThat(local.tree.processes()).as("processes of the run").hasSizeGreaterThan(3).noneMatch(ProcessHandle::isAlive);
        assertThat(local.tree.exposed()).isEmpty();
        assertThat(millis).as("SIGTERM to every process ended, ms").isLessThan(30_000);
    }

    @Test
    @Order(1)
    void aKilledWorkflowResumedAtItsFailedNodeCrawlsThePageOnceFixedAndRunsTheLaterActionsOnce() throws Exception {
        Slot last = slots.get(3);
        String wfId = workflows(last, "KILLED").get(0);
        assertThat(data.resolve(snapshot(last))).doesNotExist();

        OozieCli.Result rerun = oozie.run("job", "-rerun", wfId, "-Doozie.wf.rerun.failnodes=true");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        local.await(runLine(last) + Pattern.quote(wfId) + " SUCCEEDED .*", 1, WAIT);
        assertThat(data.resolve(snapshot(last))).exists();
        assertThat(count(actionLine(last, "crawl", "OK"))).as("the crawl ran again").isEqualTo(1);
        for (String action : List.of("load", "analyze", "publish")) {
            assertThat(count(actionLine(last, action, "OK"))).as(action + " ran once").isEqualTo(1);
        }
        List<String> rows = trendRows(last);
        assertThat(rows).isNotEmpty().allSatisfy(row ->
                assertThat(row.split(",")[4]).as("the window counts the four snapshots").isEqualTo("4"));
        local.await(message(last, "SENT"), 1, Duration.ofMinutes(1));
    }

    @Test
    @Order(2)
    void aRerunOfOneSlotKeepsItsSnapshotRewritesItsHourOnceRecomputesEqualTrendsAndSendsNothingAgain() throws Exception {
        Slot slot = slots.get(1);
        Data before = Data.now();
        int runs = workflows(slot, "SUCCEEDED").size();

        OozieCli.Result rerun = oozie.run("job", "-rerun", coordId, "-action", "2");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        local.await(runLine(slot) + "\\S+ SUCCEEDED .*", runs + 1, WAIT);
        local.await(message(slot, "ALREADY_SENT"), 1, Duration.ofMinutes(1));
        before.assertKeptFor(List.of(slot));
    }

    @Test
    @Order(3)
    void aRerunOfThreeSlotsByDateKeepsTheGuaranteesOfEach() throws Exception {
        List<Slot> three = slots.subList(0, 3);
        Data before = Data.now();
        List<Integer> runs = new ArrayList<>();
        for (Slot slot : three) {
            runs.add(workflows(slot, "SUCCEEDED").size());
        }

        OozieCli.Result rerun = oozie.run("job", "-rerun", coordId, "-date",
                oozieTime(three.get(0)) + "::" + oozieTime(three.get(2)));

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        for (int i = 0; i < three.size(); i++) {
            local.await(runLine(three.get(i)) + "\\S+ SUCCEEDED .*", runs.get(i) + 1, WAIT);
            local.await(message(three.get(i), "ALREADY_SENT"), three.get(i).equals(slots.get(1)) ? 2 : 1,
                    Duration.ofMinutes(1));
        }
        before.assertKeptFor(three);
    }

    @Test
    @Order(4)
    void thePackagedDefinitionsAreValidToTheServer() throws Exception {
        Path app = RunningCommand.ROOT.resolve("oozie-app/target/realtime-trend-app");
        for (String file : List.of("workflow.xml", "coordinator.xml", "bundle.xml")) {
            OozieCli.Result validate = oozie.run("validate", app.resolve(file).toString());

            assertThat(validate.exitCode()).as(validate.toString()).isZero();
            assertThat(validate.stdout()).as(file).contains("Valid");
        }
    }

    @Test
    @Order(5)
    void aCommandOozieRefusesPrintsOoziesErrorAndChangesNoData() throws Exception {
        Data before = Data.now();
        String unknown = coordId.replaceFirst("^\\d+", "0009999");

        OozieCli.Result info = oozie.run("job", "-info", unknown);
        OozieCli.Result rerun = oozie.run("job", "-rerun", coordId, "-action", "99");

        assertThat(info.exitCode()).isNotZero();
        assertThat(info.stderr()).as(info.toString()).contains("E0604");
        assertThat(rerun.exitCode()).isNotZero();
        assertThat(rerun.stderr()).as(rerun.toString()).containsPattern("E\\d{4}");
        Thread.sleep(3000);
        assertThat(Data.now().all()).as("the data root").isEqualTo(before.all());
    }

    @Test
    @Order(6)
    void theReadmesBackfillRunsSixSlotsInOrderSkipsThoseThePageNoLongerShowsAndEqualsADirectAnalyze() throws Exception {
        List<Slot> six = List.of(50, 40, 30, 20, 10, 0).stream()
                .map(m -> Slot.of(slots.get(3).start().toInstant().minus(Duration.ofMinutes(m)), ZONE)).toList();
        Data before = Data.now();
        int ended = (int) count(ENDED);
        Path submitted = data.resolve(".local/local-run/job.properties");

        // the README's recipe, as printed: the coordinator alone, the range and the replay policy
        Process sed = new ProcessBuilder("sed", "-e", "s/^oozie.bundle.application.path/#&/",
                "-e", "s/^#oozie.coord.application.path/oozie.coord.application.path/", submitted.toString())
                .redirectOutput(home.resolve("backfill.properties").toFile()).start();
        assertThat(sed.waitFor()).isZero();
        OozieCli.Result run = oozie.run("job", "-config", home.resolve("backfill.properties").toString(), "-run",
                "-Dstart=" + oozieTime(six.get(0)), "-Dend=" + oozieTime(Slot.of(slots.get(3).start().toInstant()
                        .plus(Duration.ofMinutes(10)), ZONE)), "-DcoordExecution=FIFO", "-DcoordTimeout=-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("job: \\S+-C");
        local.await(ENDED, ended + six.size(), Duration.ofMinutes(4));
        List<MatchResult> backfilled = Pattern.compile(ENDED, Pattern.MULTILINE)
                .matcher(local.stdout()).results().skip(ended).toList();
        assertThat(backfilled.stream().map(r -> r.group(1)).toList()).as("the slots, run in order")
                .isEqualTo(six.stream().map(slot -> slot.text().substring(0, 16)).toList());
        // the oldest slot is past crawlMaxLag and has no snapshot: nothing is crawled for it, and its window, empty,
        // is refused by analyze rather than written empty
        assertThat(backfilled.get(0).group()).contains("KILLED").contains("no snapshot in the hour before");
        assertThat(data.resolve(snapshot(six.get(0)))).doesNotExist();
        assertThat(data.resolve(trendsFile(six.get(0)))).doesNotExist();
        // what existed is kept byte for byte; a snapshot written now is of a slot the page still showed
        Data after = Data.now();
        before.raw.forEach((file, bytes) -> assertThat(after.raw.get(file)).as("kept " + file).isEqualTo(bytes));
        for (Path file : after.raw.keySet()) {
            String row = new String(after.raw.get(file), StandardCharsets.UTF_8).lines().skip(1)
                    .findFirst().orElseThrow();
            LocalDateTime slotStart = LocalDateTime.parse(row.split(",")[0].replace(' ', 'T'));
            LocalDateTime crawledAt = LocalDateTime.parse(row.split(",")[1].replace(' ', 'T'));
            assertThat(Duration.between(slotStart, crawledAt)).as("crawled_at of " + file).isLessThanOrEqualTo(MAX_LAG);
        }
        // the trends equal one direct analyze of the same windows over the same table
        Path direct = home.resolve("direct");
        copy(data.resolve("warehouse"), direct.resolve("warehouse"));
        Process analyze = new ProcessBuilder(RunningCommand.ROOT.resolve("bin/realtime-trend").toString(), "analyze",
                "--data-root", direct.toString(), "--from", oozieTime(six.get(0)), "--to", oozieTime(six.get(5)))
                .redirectErrorStream(true).redirectOutput(home.resolve("analyze.out").toFile()).start();
        assertThat(analyze.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(home.resolve("analyze.out")))
                .contains("no snapshot in the hour before " + six.get(0).text());
        Map<Path, byte[]> directTrends = DataRootFiles.contents(direct, "trends");
        assertThat(directTrends).isNotEmpty();
        Map<Path, byte[]> backfilledTrends = DataRootFiles.contents(data, "trends");
        directTrends.forEach((file, bytes) -> assertThat(new String(backfilledTrends.get(file),
                StandardCharsets.UTF_8)).as(file.toString()).isEqualTo(new String(bytes,
                StandardCharsets.UTF_8)));
        for (Slot slot : six) {
            assertThat(backfilledTrends.containsKey(Path.of(trendsFile(slot))))
                    .as(trendsFile(slot) + " written by the backfill as by the direct analyze")
                    .isEqualTo(directTrends.containsKey(Path.of(trendsFile(slot))));
        }
    }

    @Test
    @Order(7)
    void aBundleSubmittedAsTheReadmeSaysAndKilledWhileAnActionRunsLeavesNoProcessOrPartialFile() throws Exception {
        long ended = count(ENDED);
        Submitted submitted = submitTheBundleUntilAWorkflowRuns();
        Predicate<ProcessHandle> action = p -> PreviousRun.commandLine(p)
                .matches(".*io\\.realtimetrend\\.(crawl\\.CrawlAction|load\\.RunHql|analyze\\.AnalyzeJob|publish\\.PublishAction).*");
        Instant running = Instant.now().plusSeconds(60);
        while (local.process.descendants().noneMatch(action)) {
            assertThat(Instant.now()).as("an action's process running").isBefore(running);
            Thread.sleep(50);
        }

        OozieCli.Result kill = oozie.run("job", "-kill", submitted.bundleId());

        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        String wfId = killedAfter(ended);
        assertThat(oozie.run("job", "-info", submitted.bundleId()).stdout()).containsPattern("(?m)^Status\\s*: KILLED$");
        assertThat(oozie.run("job", "-info", submitted.coordId()).stdout()).containsPattern("(?m)^Status\\s*: KILLED$");
        assertThat(oozie.run("job", "-info", wfId).stdout()).containsPattern("(?m)^Status\\s*: KILLED$");
        Instant until = Instant.now().plusSeconds(15);
        while (local.process.descendants().anyMatch(action) && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
        assertThat(local.process.descendants().filter(action).map(PreviousRun::commandLine).toList())
                .as("action processes left").isEmpty();
        DataRootFiles.assertNoPartialFileVisible(data);
    }

    /** A bundle and the coordinator it started. */
    private record Submitted(String bundleId, String coordId) {
    }

    /**
     * Submits the app's bundle as the README does ({@code oozie job -config job.properties -run}) over the last three
     * slots, and waits until one of its workflows runs.
     */
    private static Submitted submitTheBundleUntilAWorkflowRuns() throws Exception {
        OozieCli.Result run = oozie.run("job", "-config", data.resolve(".local/local-run/job.properties").toString(),
                "-run", "-Dstart=" + oozieTime(slots.get(1)), "-Dend=" + oozieTime(Slot.of(slots.get(3).start().toInstant()
                        .plus(Duration.ofMinutes(10)), ZONE)));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String bundleId = Pattern.compile("job: (\\S+-B)").matcher(run.stdout()).results().map(r -> r.group(1))
                .findFirst().orElseThrow(() -> new AssertionError(run.toString()));
        OozieClient client = new OozieClient(oozie.url());
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            for (CoordinatorJob coord : client.getBundleJobInfo(bundleId).getCoordinators()) {
                for (CoordinatorAction action : client.getCoordJobInfo(coord.getId()).getActions()) {
                    String wfId = action.getExternalId();
                    if (wfId != null && !wfId.isBlank()
                            && client.getJobInfo(wfId).getStatus() == WorkflowJob.Status.RUNNING) {
                        return new Submitted(bundleId, coord.getId());
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no workflow of bundle " + bundleId + " seen running");
    }

    /** The end line of a run: its slot, workflow id and status (groups 1-3). */
    private static final String ENDED = "^\\[(\\S+ \\S+)\\] workflow (\\S+) (SUCCEEDED|KILLED|FAILED).*";

    /** The first workflow that ends KILLED after the first {@code ended} end lines (bounded: 30 s). */
    private static String killedAfter(long ended) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (true) {
            Optional<String> killed = Pattern.compile(ENDED, Pattern.MULTILINE).matcher(local.stdout()).results()
                    .skip(ended).filter(r -> r.group(3).equals("KILLED")).map(r -> r.group(2)).findFirst();
            if (killed.isPresent()) {
                return killed.get();
            }
            assertThat(Instant.now()).as("a workflow KILLED in\n" + local.stdout()).isBefore(until);
            Thread.sleep(500);
        }
    }

    /** The run's {@code -P crawlMaxLag}. */
    private static final Duration MAX_LAG = Duration.ofMinutes(50);

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** The visible files of the data root at one moment, by directory. */
    private record Data(Map<Path, byte[]> raw, Map<Path, byte[]> warehouse, Map<Path, byte[]> trends, String stdout) {

        static Data now() throws Exception {
            return new Data(DataRootFiles.contents(data, "raw"), DataRootFiles.contents(data, "warehouse"),
                    DataRootFiles.contents(data, "trends"), local.stdout());
        }

        /** Every file, as text of its path and a digest of its bytes, comparable by equals. */
        Map<String, String> all() {
            Map<String, String> all = new TreeMap<>();
            for (Map<Path, byte[]> dir : List.of(raw, warehouse, trends)) {
                dir.forEach((file, bytes) -> all.put(file.toString(), HexFormat.of().formatHex(bytes)));
            }
            return all;
        }

        /**
         * After a rerun of {@code rerun}: every snapshot is the same file byte for byte, each of their hours one ORC file
         * with the same bytes (the same rows, once), each of their windows the same trends, and no window's message
         * sent twice.
         */
        void assertKeptFor(List<Slot> rerun) throws Exception {
            Data after = now();
            assertThat(after.raw.keySet()).isEqualTo(raw.keySet());
            raw.forEach((file, bytes) -> assertThat(after.raw.get(file)).as("kept " + file).isEqualTo(bytes));
            for (Slot slot : rerun) {
                String hour = "warehouse/keyword_rank/dt=" + slot.dt() + "/hr=" + slot.hr() + "/";
                List<Path> files = after.warehouse.keySet().stream().filter(p -> p.toString().startsWith(hour)).toList();
                assertThat(files).as("ORC files of " + hour).hasSize(1);
                assertThat(after.warehouse.get(files.get(0))).as(files.get(0).toString())
                        .isEqualTo(warehouse.get(files.get(0)));
                Path trendsFile = Path.of(trendsFile(slot));
                assertThat(new String(after.trends.get(trendsFile), StandardCharsets.UTF_8))
                        .as(trendsFile.toString()).isEqualTo(new String(trends.get(trendsFile), StandardCharsets.UTF_8));
            }
            assertThat(Pattern.compile("^message-server: \\S+ key (\\S+): SENT$", Pattern.MULTILINE)
                    .matcher(after.stdout).results().map(r -> r.group(1)).toList()).as("keys sent").doesNotHaveDuplicates();
        }
    }

    private static List<String> trendRows(Slot slot) throws Exception {
        List<String> lines = Files.readAllLines(data.resolve(trendsFile(slot)));
        return lines.subList(1, lines.size());
    }

    private static String oozieTime(Slot slot) {
        return LocalJobProperties.OOZIE_TIME.format(slot.start().toInstant());
    }

    private static String snapshot(Slot slot) {
        return "raw/dt=" + slot.dt() + "/hr=" + slot.hr() + "/" + slot.fileStem() + ".csv";
    }

    private static String trendsFile(Slot slot) {
        return "trends/window_end=" + slot.fileStem() + "/trends.csv";
    }

    /** The start of a progress line of {@code slot}'s run: {@code [yyyy-MM-dd HH:mm] }. */
    private static String runLine(Slot slot) {
        return "^\\[" + Pattern.quote(slot.text().substring(0, 16)) + "\\] workflow ";
    }

    private static String actionLine(Slot slot, String action, String status) {
        return "^\\[" + Pattern.quote(slot.text().substring(0, 16)) + "\\] " + action + " +" + status + " .*";
    }

    /** The message server's line for {@code slot}'s window: its key and what it did. */
    private static String message(Slot slot, String outcome) {
        return "^message-server: \\S+ key " + Pattern.quote(TimeFormats.iso(slot.start())) + ": " + outcome + "$";
    }

    private static long count(String regex) throws Exception {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(local.stdout()).results().count();
    }

    /** The ids of {@code slot}'s workflows that ended with {@code status}, in the order they ended. */
    private static List<String> workflows(Slot slot, String status) throws Exception {
        return Pattern.compile(runLine(slot) + "(\\S+) " + status + " .*", Pattern.MULTILINE).matcher(local.stdout())
                .results().map(r -> r.group(1)).toList();
    }
}
