package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.local.ChildProcesses;
import io.realtimetrend.local.ModuleJvm;
import io.realtimetrend.local.ModuleMain;
import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/realtime-trend local --engine yarn --demo} as a user runs it, over two slots of the recorded hour, the
 * second one's page broken, with the shipped {@code job.properties} as it is but for hosts, ports and the recorded
 * hour's range: the packaged app deployed to MiniDFS by the project's deploy code, Oozie 5.2.1's stock
 * {@code JavaActionExecutor}, {@code Hive2ActionExecutor} and {@code SparkActionExecutor} submitting
 * {@code LauncherAM} to MiniYARN with the {@code oozie}, {@code hive2} and {@code spark} sharelibs on HDFS; in its
 * NodeManager container the launcher runs the crawl (through a Selenium Grid on 127.0.0.1, {@code seleniumUrl},
 * against local mode's demo page), Oozie's {@code Hive2Main} with Beeline against local mode's Hive 4 HiveServer2,
 * Oozie's {@code SparkMain} with the analyze job ({@code local[2]} inside the launcher, reading the table through the
 * metastore) and the publish action against a KRaft broker; every stage reads and writes {@code dataRoot} on the mini
 * cluster's HDFS ({@code --data-root hdfs:///data/realtime-trend}, as shipped {@code ${nameNode}/data/realtime-trend}).
 * What the first slot's workflow wrote, read back from HDFS and through HiveServer2 while the cluster runs, is
 * compared with what the local engine ({@code local --demo}, child JVMs, local disk and Chromium) gives for the same
 * page; the second slot's layout-changed page ends its workflow at the kill node with the crawl's own error line.
 * The command serves on ({@code --serve}): the stock {@code oozie} CLI reruns the first slot's workflow with Spark on
 * YARN, in {@code client} mode (the driver in the launcher, executors in a YARN application) and in {@code cluster}
 * mode (the driver in a YARN application too), on the same cluster; each run's trends.csv and message must equal
 * those of Spark in the launcher, and its wall time and YARN usage (the command's {@code on YARN:} line, from the
 * ResourceManager's reports) are the figures the shipped default rests on. The broker is this test's
 * ({@code --bootstrap-servers}), so the messages can be read after the runs.
 */
class WorkflowThroughLaunchersIT {

    private static final Path ROOT = Path.of(System.getProperty("realtime.trend.root", "..")).toAbsolutePath().normalize();
    /** 18:10 and 18:20 KST on 2026-11-26: the first two slots of the recorded hour local mode's demo uses. */
    private static final String FIRST = "2026-11-26T09:10Z";
    private static final String BROKEN = "2026-11-26T09:20Z";
    private static final String SNAPSHOT = "raw/dt=2026-11-26/hr=18/202611261810.csv";
    private static final String TRENDS = "trends/window_end=202611261810/trends.csv";
    /** The yarn run's data root: the mini cluster's HDFS, as the shipped {@code ${nameNode}/data/realtime-trend}. */
    private static final String HDFS_DATA_ROOT = "hdfs:///data/realtime-trend";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern APPLICATION = Pattern.compile("application_\\d+_\\d+");
    /**
     * The shipped job.properties values the run may change: hosts and ports (where the nodes keep Spark's Hive client
     * is a path on them), and what runs a recorded hour of the past at once (its range, every slot of it in order,
     * the recorded pages standing for their slots, a failure shown without Oozie's retries).
     */
    private static final Set<String> HOSTS_AND_PORTS = Set.of("nameNode", "jobTracker", "signalUrl", "seleniumUrl",
            "hiveJdbcUrl", "hiveMetastoreUris", "kafkaBootstrapServers", "sparkHiveMetastoreJars");
    private static final Set<String> RECORDED_HOUR = Set.of("start", "end", "coordExecution", "coordTimeout",
            "coordThrottle", "crawlMaxLag", "networkRetryMax");

    private static Path work;
    /** The HQL that reads a partition's rows, for {@link #partitionRows}. */
    private static Path partitionRowsScript;
    /** The mini cluster's client configuration ({@code core-site.xml}), for {@link #hdfs}. */
    private static Path hadoopConf;
    private static ModuleJvm jvm;
    private static final ChildProcesses CHILDREN = new ChildProcesses();
    private static ChildProcesses.Started kafka;
    private static SeleniumGrid grid;
    private static int exitCode;
    private static String stdout;
    private static String stderr;
    private static Path runLogs;
    /** The yarn run's data root as the cluster names it ({@code hdfs://localhost:PORT/data/realtime-trend}). */
    private static String hdfsRoot;
    /** What the yarn run wrote under its data root, copied from HDFS after the range ran (before the reruns). */
    private static Path fromHdfs;
    /** The first slot's ORC partition, read through the yarn run's HiveServer2 while it served. */
    private static List<String> partition;
    /** The job.properties the yarn run submitted. */
    private static Map<String, String> submitted;
    /** The local engine's run of the first slot: the reference. */
    private static LocalEngineRun reference;
    /** The first slot's runs, one per {@link #PLACES} entry, in that order. */
    private static final List<SlotRun> slotRuns = new ArrayList<>();

    /** Where a run's Spark runs: {@code sparkMaster} and {@code sparkMode}. */
    private record SparkPlace(String master, String mode) {

        boolean onYarn() {
            return master.equals("yarn");
        }
    }

    /**
     * One run of the first slot's workflow.
     *
     * @param run    Oozie's run number: 0, then 1 and 2 for the reruns
     * @param trends the trends.csv the run wrote
     */
    private record SlotRun(SparkPlace place, String workflowId, int run, List<String> trends) {

        /** The run's record under the command's logs ({@code CoordinatorWatch}). */
        String record() {
            return run == 0 ? workflowId : workflowId + "-run" + run;
        }
    }

    /** The first slot's run as local mode's overlay sets Spark (in the launcher), then on YARN in both modes. */
    private static final List<SparkPlace> PLACES = List.of(new SparkPlace("local[2]", "client"),
            new SparkPlace("yarn", "client"), new SparkPlace("yarn", "cluster"));

    /**
     * What the local engine ({@code local --demo}: actions in child JVMs, data on the local disk, local Chromium) gave
     * for the first slot's page.
     *
     * @param partition the ORC partition's rows, read through its HiveServer2
     */
    private record LocalEngineRun(List<String> snapshot, List<String> partition, List<String> trends,
                                  ConsumerRecord<String, String> message) {
    }

    @BeforeAll
    static void runLocalModeOnYarn() throws Exception {
        work = Files.createDirectories(Path.of("target", "cluster-it")).toAbsolutePath();
        deleteRecursively(work.resolve("local-engine"));
        deleteRecursively(work.resolve("yarn-run"));
        jvm = ModuleJvm.fromSystemProperty();
        partitionRowsScript = Files.writeString(work.resolve("partition_rows.hql"), """
                SELECT concat_ws(',', CAST(snapshot_time AS STRING), CAST(crawled_at AS STRING), CAST(`rank` AS STRING),
                                 keyword, coalesce(state, '')) AS row_note
                FROM realtime_trend.keyword_rank
                WHERE dt = '${hivevar:dt}' AND hr = '${hivevar:hr}'
                ORDER BY row_note;
                """, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        kafka = ChildProcesses.startService(jvm.command(ModuleMain.KAFKA, Map.of(),
                List.of(Files.createTempDirectory(work, "kafka-").toString()), work.resolve("logs/kafka.log")),
                work.resolve("logs/kafka"), 120_000);
        grid = SeleniumGrid.start(ROOT, work.resolve("grid"));
        long referenceStart = System.nanoTime();
        reference = runTheFirstSlotOnTheLocalEngine();
        Path dir = Files.createDirectories(work.resolve("yarn-run"));
        List<String> command = List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--engine", "yarn",
                "--demo", "--demo-break-slot", "2", "--from", FIRST, "--to", BROKEN, "--data-root", HDFS_DATA_ROOT,
                "--bootstrap-servers", kafka.address(), "--oozie-port", "0", "--serve",
                "-P", "seleniumUrl=" + grid.url());
        Path out = work.resolve("local-yarn.out");
        Path err = work.resolve("local-yarn.err");
        long commandStart = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            String serving = await(process, out, "^serving Oozie at .*$", 1).group();
            Figures.report("cluster-it", String.format("local --engine yarn --demo, two slots: %.1f s (broker and Grid "
                    + "%.1f s, local engine's slot %.1f s before it)", seconds(System.nanoTime() - commandStart),
                    seconds(referenceStart - start), seconds(commandStart - referenceStart)));
            String text = Files.readString(out, StandardCharsets.UTF_8);
            submitted = properties(Files.readString(dir.resolve(serving.substring(serving.lastIndexOf(' ') + 1))));
            hdfsRoot = submitted.get("dataRoot");
            hadoopConf = Files.createDirectories(work.resolve("yarn-run/hadoop-conf"));
            Files.writeString(hadoopConf.resolve("core-site.xml"), "<configuration><property><name>fs.defaultFS</name>"
                    + "<value>" + submitted.get("nameNode") + "</value></property></configuration>\n", StandardCharsets.UTF_8);
            partition = partitionRows(hiveJdbcUrl(text), "2026-11-26", "18");
            fromHdfs = work.resolve("yarn-run/from-hdfs");
            ChildProcesses.Result get = hdfs("-get", hdfsRoot, fromHdfs.toString());
            assertThat(get.exitCode()).as(get.stderr()).isZero();
            rerunTheFirstSlotWithSparkOnYarn(process, out);
        } finally {
            stopServing(process);
        }
        exitCode = process.exitValue();
        stdout = Files.readString(out, StandardCharsets.UTF_8);
        stderr = Files.readString(err, StandardCharsets.UTF_8);
        System.out.println(stdout);
        System.err.println(stderr);
        runLogs = dir.resolve(logsOf(stdout));
        Matcher engine = Pattern.compile("^engine yarn: (.*?); launcher logs", Pattern.MULTILINE).matcher(stdout);
        if (engine.find()) {
            Figures.report("cluster-it", engine.group(1));
        }
    }

    /**
     * {@code local --demo} over the first slot on the local engine, serving until its partition is read through its
     * HiveServer2; then SIGTERM.
     */
    private static LocalEngineRun runTheFirstSlotOnTheLocalEngine() throws Exception {
        Path data = work.resolve("local-engine/data");
        Path out = work.resolve("local-engine.out");
        Process process = new ProcessBuilder(ROOT.resolve("bin/realtime-trend").toString(), "local", "--demo",
                "--from", FIRST, "--to", FIRST, "--data-root", data.toString(), "--bootstrap-servers", kafka.address(),
                "--oozie-port", "0", "--serve").redirectOutput(out.toFile())
                .redirectError(work.resolve("local-engine.err").toFile()).start();
        try {
            await(process, out, "^serving Oozie at .*$", 1);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            List<String> rows = partitionRows(hiveJdbcUrl(text), "2026-11-26", "18");
            Matcher succeeded = Pattern.compile("^\\[2026-11-26 18:10\\] workflow (\\S+) SUCCEEDED ", Pattern.MULTILINE)
                    .matcher(text);
            assertThat(succeeded.find()).as(text).isTrue();
            ConsumerRecord<String, String> message = consume(actionData(Path.of(logsOf(text)), succeeded.group(1))
                    .get("publish"));
            return new LocalEngineRun(Files.readAllLines(data.resolve(SNAPSHOT), StandardCharsets.UTF_8), rows,
                    Files.readAllLines(data.resolve(TRENDS), StandardCharsets.UTF_8), message);
        } finally {
            stopServing(process);
        }
    }

    /** SIGTERM, as Ctrl-C ends a serving run; then whatever is left of its tree, should the run not have ended. */
    private static void stopServing(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ChildProcesses.destroyTree(process);
    }

    /** The run's logs directory, as the command's first line names it. */
    private static String logsOf(String text) {
        Matcher logs = Pattern.compile(", logs (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(logs.find()).as("the command's first line names its logs:\n" + text).isTrue();
        return logs.group(1);
    }

    /** The HiveServer2 the command started, as its {@code services:} line names it. */
    private static String hiveJdbcUrl(String text) {
        Matcher services = Pattern.compile("^services: HiveServer2 (\\S+) on metastore", Pattern.MULTILINE).matcher(text);
        assertThat(services.find()).as(text).isTrue();
        return services.group(1);
    }

    /**
     * The first slot's workflow run again (every node: {@code oozie.wf.rerun.failnodes=false}) by the stock {@code oozie}
     * CLI with Spark on YARN, {@code client} then {@code cluster} mode; each run's trends.csv kept as it wrote it.
     */
    private static void rerunTheFirstSlotWithSparkOnYarn(Process process, Path out) throws Exception {
        String url = await(process, out, "^OOZIE_URL=(\\S+)$", 1).group(1);
        String wfId = await(process, out, "^\\[2026-11-26 18:10\\] workflow (\\S+) SUCCEEDED .*$", 1).group(1);
        for (SparkPlace place : PLACES) {
            int run = slotRuns.size();
            if (run > 0) {
                ChildProcesses.Result rerun = child("rerun-" + run, new ModuleMain("oozie-yarn", "org.apache.oozie.cli.OozieCLI"),
                        "job", "-oozie", url, "-rerun", wfId, "-Doozie.wf.rerun.failnodes=false",
                        "-DsparkMaster=" + place.master(), "-DsparkMode=" + place.mode());
                assertThat(rerun.exitCode()).as(rerun.stdout() + rerun.stderr()).isZero();
            }
            await(process, out, "^\\[2026-11-26 18:10\\] workflow " + Pattern.quote(wfId) + " on YARN: .*$", run + 1);
            ChildProcesses.Result trends = hdfs("-cat", hdfsRoot + "/" + TRENDS);
            assertThat(trends.exitCode()).as(trends.stderr()).isZero();
            slotRuns.add(new SlotRun(place, wfId, run, trends.stdout().lines().toList()));
        }
    }

    /**
     * The {@code count}-th match of {@code regex} (multiline) in the command's output so far, waiting for it while the
     * command runs (bounded by {@link #COMMAND_TIMEOUT} from now).
     */
    private static Matcher await(Process process, Path out, String regex, int count) throws Exception {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Optional<Matcher> found = match(pattern, text, count);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + (count == 1 ? "st" : "th") + " line matching " + regex
                        + " (command " + (process.isAlive() ? "still running after " + COMMAND_TIMEOUT : "ended") + "):\n" + text);
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopBrokerAndGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theRunIsTheAppsBundleSubmittedThroughOoziesRestApiOnLoopback() {
        assertThat(stdout.lines().limit(3)).as(stdout).anyMatch(line -> line.matches("OOZIE_URL=http://127\\.0\\.0\\.1:\\d+/oozie"));
        assertThat(stdout).containsPattern("(?m)^bundle \\S+-B submitted to http://127\\.0\\.0\\.1:\\d+/oozie$")
                .containsPattern("(?m)^coordinator \\S+-C started by the bundle, first run " + FIRST + "$");
    }

    @Test
    void theSlotRunsTheShippedJobPropertiesWithOnlyHostsPortsAndTheRecordedHoursRangeReplaced() throws Exception {
        Map<String, String> shipped = properties(Files.readString(ROOT.resolve("job.properties"), StandardCharsets.UTF_8));
        shipped.forEach((key, value) -> {
            if (!HOSTS_AND_PORTS.contains(key) && !RECORDED_HOUR.contains(key)) {
                // the shipped value, its ${nameNode} the cluster's
                assertThat(submitted.get(key)).as(key).isEqualTo(value.replace("${nameNode}", submitted.get("nameNode")));
            }
        });
        assertThat(shipped.get("dataRoot")).isEqualTo("${nameNode}/data/realtime-trend");
        assertThat(hdfsRoot).matches("hdfs://localhost:\\d+/data/realtime-trend");
        assertThat(submitted).containsEntry("analyzeSource", "metastore").containsEntry("sparkMaster", "local[2]")
                .containsEntry("sparkMode", "client").containsEntry("crawlSource", "browser");
        // the Grid's host and port in place of the shipped ones, the path as shipped
        assertThat(URI.create(submitted.get("seleniumUrl")).getPath())
                .isEqualTo(URI.create(shipped.get("seleniumUrl")).getPath());
        assertThat(submitted.get("seleniumUrl")).isEqualTo(grid.url().toString());
    }

    @Test
    void theShippedWorkflowRunsEachActionThroughItsStockLauncherOnHdfsAndGivesWhatTheLocalEngineGives() throws Exception {
        // the progress lines: each action's LauncherAM ran as a YARN application of its own
        for (String name : List.of("crawl", "load", "analyze", "publish")) {
            Matcher line = Pattern.compile("^\\[2026-11-26 18:10\\] " + name + " +OK \\(([0-9.]+) s\\) (\\S+)$",
                    Pattern.MULTILINE).matcher(stdout);
            assertThat(line.find()).as(name + " OK with its YARN application in\n" + stdout).isTrue();
            assertThat(line.group(2)).matches(APPLICATION);
            Figures.report("cluster-it", String.format("%s through YARN (%s): %s s from start to OK", name,
                    line.group(2), line.group(1)));
        }
        Matcher succeeded = Pattern.compile("^\\[2026-11-26 18:10\\] workflow (\\S+) SUCCEEDED \\(([0-9.]+) s\\)$",
                Pattern.MULTILINE).matcher(stdout);
        assertThat(succeeded.find()).as(stdout).isTrue();
        Figures.report("cluster-it", "workflow SUCCEEDED in " + succeeded.group(2) + " s");
        Map<String, Map<String, String>> actionData = actionData(runLogs, succeeded.group(1));

        // wf:actionData('crawl'): the launcher's capture-output, which the load action's <param>s read; the snapshot
        // on HDFS
        assertThat(actionData.get("crawl")).containsAllEntriesOf(Map.of("rows", "10", "slot", "2026-11-26 18:10:00",
                "dt", "2026-11-26", "hr", "18", "kept", "false", "skipped", "false"));
        assertThat(actionData.get("crawl").get("path")).isEqualTo(hdfsRoot + "/" + SNAPSHOT);
        List<String> snapshot = Files.readAllLines(fromHdfs.resolve(SNAPSHOT), StandardCharsets.UTF_8);
        assertThat(snapshot.get(0)).isEqualTo("snapshot_time,crawled_at,rank,keyword,state");
        assertThat(snapshot.subList(1, snapshot.size())).extracting(line -> line.substring(line.indexOf(',', 20) + 1))
                .containsExactly("1,날씨,same", "2,손흥민,same", "3,삼성전자,same", "4,로또 당첨번호,same", "5,환율,same",
                        "6,비트코인,same", "7,수능 등급컷,same", "8,김장 김치,same", "9,코스피,same", "10,BTS 진,same");
        // the same rows as the local engine's snapshot of that page; only the time of the crawl differs
        assertThat(withoutCrawledAt(snapshot)).isEqualTo(withoutCrawledAt(reference.snapshot()));

        // load (hive2): the hour's ORC partition on HDFS, read through HiveServer2 while the cluster ran, holds the
        // snapshot's rows, as the local engine's partition holds its snapshot's
        assertThat(partition).isEqualTo(snapshot.subList(1, snapshot.size()));
        assertThat(withoutCrawledAt(partition)).isEqualTo(withoutCrawledAt(reference.partition()));
        assertThat(fromHdfs.resolve("warehouse/keyword_rank/dt=2026-11-26/hr=18")).isDirectoryContaining(
                file -> file.getFileName().toString().startsWith("0"));

        // analyze (spark) read the table through the metastore service, with the Hive 3.1.3 client Spark loaded
        Matcher analyzed = Pattern.compile("^\\[2026-11-26 18:10\\] analyze +OK \\S+ s\\) (\\S+)$", Pattern.MULTILINE)
                .matcher(stdout);
        assertThat(analyzed.find()).isTrue();
        assertThat(applicationLog(analyzed.group(1))).contains("Initializing HiveMetastoreConnection version 3.1.3")
                .containsPattern("--source\\s+metastore").containsPattern("--data-root\\s+" + Pattern.quote(hdfsRoot));
        List<String> trends = Files.readAllLines(fromHdfs.resolve(TRENDS), StandardCharsets.UTF_8);
        assertThat(trends).hasSizeGreaterThan(1).isEqualTo(reference.trends());

        // publish (java): the workflow's message equals the local engine's, but for where its trends.csv was
        Map<String, String> sent = actionData.get("publish");
        assertThat(sent).containsEntry("topic", "recent_topics").containsEntry("key", "2026-11-26T18:10:00+09:00");
        ConsumerRecord<String, String> message = consume(sent);
        assertThat(message.key()).isEqualTo(reference.message().key()).isEqualTo("2026-11-26T18:10:00+09:00");
        assertThat(message.value()).contains("\"output_path\":\"" + hdfsRoot + "/trends/window_end=202611261810\"");
        assertThat(withoutOutputPath(message.value())).isEqualTo(withoutOutputPath(reference.message().value()));
    }

    @Test
    void theCrawlsDroveTheGridsBrowserAndLeftNoSessionOnIt() throws Exception {
        String log = Files.readString(work.resolve("grid/grid.log"), StandardCharsets.UTF_8);
        // the first slot's page and the broken one; the reruns kept the snapshot and opened no browser
        assertThat(Pattern.compile("Session created by the Node").matcher(log).results().count()).as(log).isEqualTo(2);
        assertThat(grid.openSessions()).isZero();
    }

    @Test
    void sparkOnYarnInClientAndClusterModeWritesTheSameTrendsAndSendsTheSameMessageAsSparkInTheLauncher() throws Exception {
        assertThat(slotRuns).extracting(SlotRun::place).containsExactlyElementsOf(PLACES);
        SlotRun inLauncher = slotRuns.get(0);
        ConsumerRecord<String, String> expected = consume(actionData(runLogs, inLauncher.record()).get("publish"));
        for (SlotRun run : slotRuns) {
            String id = Pattern.quote(run.workflowId());
            Matcher ended = nth("^\\[2026-11-26 18:10\\] workflow " + id + " SUCCEEDED \\(([0-9.]+) s\\)$", run.run());
            Matcher usage = nth("^\\[2026-11-26 18:10\\] workflow " + id
                    + " on YARN: (\\d+) applications, (\\d+) MB-seconds, (\\d+) vcore-seconds$", run.run());
            Matcher analyze = nth("^\\[2026-11-26 18:10\\] analyze +OK \\(([0-9.]+) s\\) (\\S+)$", run.run());
            String launcher = applicationLog(analyze.group(2));
            Matcher submitted = Pattern.compile("Submitted application (application_\\d+_\\d+)").matcher(launcher);
            String place = run.place().master() + "/" + run.place().mode();
            if (!run.place().onYarn()) {
                // Spark inside the launcher: no application of its own; the four launchers are the slot's applications
                assertThat(submitted.find()).as(launcher).isFalse();
                assertThat(usage.group(1)).isEqualTo("4");
                assertThat(launcher).contains("Initializing HiveMetastoreConnection version 3.1.3");
            } else {
                assertThat(submitted.find()).as("the launcher submitted Spark's application:\n" + launcher).isTrue();
                Path child = containerLogs().resolve(submitted.group(1));
                String spark = applicationLog(submitted.group(1));
                assertThat(usage.group(1)).as("four launchers and Spark's application").isEqualTo("5");
                try (Stream<Path> containers = Files.list(child)) {
                    List<Path> each = containers.toList();
                    assertThat(each).as("the application master and an executor").hasSizeGreaterThanOrEqualTo(2);
                    for (Path container : each) {
                        // Spark's own containers start with JDK 17's opens (Spark adds them), as the launcher does
                        assertThat(Files.readString(container.resolve("launch_container.sh"), StandardCharsets.UTF_8))
                                .as(container.toString()).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
                    }
                }
                // the driver reads the table through the metastore: in the launcher (client), or in the YARN
                // application's first container (cluster), which reached the metastore and the node-local client jars
                String driver = run.place().mode().equals("client") ? launcher : spark;
                assertThat(driver).contains("Initializing HiveMetastoreConnection version 3.1.3")
                        .contains("partitions fetched from the metastore by filter");
                assertThat(run.place().mode().equals("client") ? spark : launcher)
                        .doesNotContain("Initializing HiveMetastoreConnection");
            }
            assertThat(run.trends()).as(place).hasSizeGreaterThan(1).isEqualTo(inLauncher.trends());
            ConsumerRecord<String, String> message = consume(actionData(runLogs, run.record()).get("publish"));
            assertThat(message.key()).isEqualTo(expected.key());
            assertThat(message.value()).as(place).isEqualTo(expected.value());
            Figures.report("cluster-it", String.format("spark %s: slot (workflow) %s s, analyze %s s; YARN %s "
                    + "applications, %s MB-seconds, %s vcore-seconds", place, ended.group(1), analyze.group(1),
                    usage.group(1), usage.group(2), usage.group(3)));
        }
    }

    /** The {@code run}-th (from 0) match of {@code regex} in the command's output, which must have it. */
    private static Matcher nth(String regex, int run) {
        Optional<Matcher> found = match(Pattern.compile(regex, Pattern.MULTILINE), stdout, run + 1);
        assertThat(found).as("match " + (run + 1) + " of " + regex + " in\n" + stdout).isPresent();
        return found.get();
    }

    /** The {@code count}-th (from 1) match of {@code pattern} in {@code text}, if it has that many. */
    private static Optional<Matcher> match(Pattern pattern, String text, int count) {
        Matcher matcher = pattern.matcher(text);
        for (int found = 0; found < count; found++) {
            if (!matcher.find()) {
                return Optional.empty();
            }
        }
        return Optional.of(matcher);
    }

    /** The NodeManager's container log directory, as the engine's line names it. */
    private static Path containerLogs() {
        Matcher logs = Pattern.compile("; launcher logs in (\\S+)$", Pattern.MULTILINE).matcher(stdout);
        assertThat(logs.find()).as(stdout).isTrue();
        return Path.of(logs.group(1));
    }

    /** Every container's stdout, stderr and syslog of YARN application {@code id}, from the run's container logs. */
    private static String applicationLog(String id) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(containerLogs().resolve(id))) {
            for (Path file : files.filter(f -> List.of("stdout", "stderr", "syslog").contains(f.getFileName().toString()))
                    .sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    @Test
    void aPageWhoseLayoutChangedEndsTheWorkflowAtTheKillNodeWithTheCrawlsOwnErrorLine() throws Exception {
        Matcher site = Pattern.compile("demo site (\\S+)$", Pattern.MULTILINE).matcher(stdout);
        assertThat(site.find()).as(stdout).isTrue();
        Matcher crawl = Pattern.compile("^\\[2026-11-26 18:20\\] crawl +ERROR \\(([0-9.]+) s\\) (\\S+)$", Pattern.MULTILINE)
                .matcher(stdout);
        assertThat(crawl.find()).as(stdout).isTrue();
        assertThat(crawl.group(2)).matches(APPLICATION);
        // the crawl's own error line: under LauncherAM its main throws the line (CommandLines.main) and the launcher
        // reports the exception's message, where System.exit(1) would give only "Main Class [...], exit code [1]"
        String kill = "realtime-trend failed at crawl for " + BROKEN + ": crawl failed: ranking not rendered within 15 s: "
                + "nothing matches keyword selector 'span.rank-text' on " + site.group(1) + " (page layout changed?)";
        Matcher killed = Pattern.compile("^\\[2026-11-26 18:20\\] workflow (\\S+) KILLED \\([0-9.]+ s\\): (.*)$",
                Pattern.MULTILINE).matcher(stdout);
        assertThat(killed.find()).as(stdout).isTrue();
        assertThat(killed.group(2)).isEqualTo(kill);
        // with --serve the command reports the range's failure and goes on serving (the reruns); SIGTERM ends it with
        // exit 0, as on the local engine (a range without --serve ends with 143: YarnEngineStopIT)
        assertThat(stdout).contains("a run of the range failed: " + kill);
        assertThat(exitCode).as(stderr).isZero();
        assertThat(actionData(runLogs, killed.group(1))).doesNotContainKeys("load", "analyze", "publish");
        assertThat(Files.readString(runLogs.resolve(killed.group(1) + ".txt")))
                .doesNotContain("action load", "action analyze", "action publish");
        assertThat(stdout).doesNotContainPattern("\\[2026-11-26 18:20\\] (load|analyze|publish) ");
        assertThat(fromHdfs.resolve("raw/dt=2026-11-26/hr=18/202611261820.csv")).doesNotExist();
        Figures.report("cluster-it", String.format("failed crawl through YARN (%s): %s s from start to ERROR",
                crawl.group(2), crawl.group(1)));
    }

    /**
     * The capture-output of each action of the workflow, as the command recorded it from Oozie
     * ({@code <logs>/<workflow id>.txt}: {@code wf:actionData('<action>'):} then its properties, indented).
     */
    private static Map<String, Map<String, String>> actionData(Path logs, String workflowId) throws IOException {
        Map<String, Map<String, String>> all = new TreeMap<>();
        String name = null;
        StringBuilder block = new StringBuilder();
        List<String> lines = new ArrayList<>(Files.readAllLines(logs.resolve(workflowId + ".txt"), StandardCharsets.UTF_8));
        lines.add("end");
        for (String line : lines) {
            if (line.startsWith("  ")) {
                block.append(line.strip()).append('\n');
                continue;
            }
            if (name != null) {
                all.put(name, properties(block.toString()));
            }
            Matcher header = Pattern.compile("^wf:actionData\\('(.+)'\\):$").matcher(line);
            name = header.matches() ? header.group(1) : null;
            block.setLength(0);
        }
        return all;
    }

    /**
     * The partition's rows as the snapshot's CSV lines, read by the project's HQL runner through the HiveServer2 at
     * {@code jdbcUrl} (a command's, while it serves: the yarn run's partition is on its cluster's HDFS).
     */
    private static List<String> partitionRows(String jdbcUrl, String dt, String hr) throws Exception {
        ChildProcesses.Result rows = child("partition-rows", ModuleMain.RUN_HQL, "--jdbc-url", jdbcUrl,
                "--script", partitionRowsScript.toString(), "--hivevar", "dt=" + dt, "--hivevar", "hr=" + hr);
        assertThat(rows.exitCode()).as(rows.stderr()).isZero();
        // ordered by the text: the rank column sorts 1, 10, 2 …; put the lines back in rank order
        return rows.stdout().lines().sorted(Comparator.comparingInt(line -> Integer.parseInt(line.split(",")[2])))
                .toList();
    }

    /**
     * The stock {@code hdfs dfs} shell ({@code FsShell}, from the crawl's Hadoop client jars) with {@code args}, as a
     * client of the mini cluster: its {@code HADOOP_CONF_DIR} (a {@code core-site.xml} naming the cluster's HDFS) first
     * on the classpath, where FsShell requires one.
     */
    private static ChildProcesses.Result hdfs(String... args) throws Exception {
        Path logs = work.resolve("logs");
        List<String> command = new ArrayList<>(jvm.command(ModuleMain.JAVA_ACTIONS.withMain("org.apache.hadoop.fs.FsShell"),
                Map.of(), List.of(args), logs.resolve("hdfs-dfs.log")));
        int classpath = command.indexOf("-cp") + 1;
        command.set(classpath, hadoopConf + ":" + command.get(classpath));
        return CHILDREN.run("hdfs-dfs", command, logs.resolve("hdfs-dfs"), Instant.now().plus(CHILD_TIMEOUT));
    }

    /** Snapshot lines without their second column, {@code crawled_at}: when the page was read. */
    private static List<String> withoutCrawledAt(List<String> lines) {
        return lines.stream().map(line -> line.replaceFirst("^([^,]*),[^,]*,", "$1,")).toList();
    }

    private static ChildProcesses.Result child(String name, ModuleMain main, String... args) throws Exception {
        Path logs = work.resolve("logs");
        return CHILDREN.run(name, jvm.command(main, Map.of(), List.of(args), logs.resolve(name + ".log")),
                logs.resolve(name), Instant.now().plus(CHILD_TIMEOUT));
    }

    private static ConsumerRecord<String, String> consume(Map<String, String> sent) {
        Properties settings = new Properties();
        settings.setProperty("bootstrap.servers", kafka.address());
        settings.setProperty("enable.auto.commit", "false");
        TopicPartition partition = new TopicPartition(sent.get("topic"), Integer.parseInt(sent.get("partition")));
        long offset = Long.parseLong(sent.get("offset"));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no message at " + partition + " offset " + offset);
    }

    private static String withoutOutputPath(String json) {
        return json.replaceAll("\"output_path\":\"[^\"]*\"", "\"output_path\":\"…\"");
    }

    /** Capture-output (Java properties text) as a map. */
    private static Map<String, String> properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
