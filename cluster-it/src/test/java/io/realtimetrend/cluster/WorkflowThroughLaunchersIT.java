package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.local.ChildProcess;
import io.realtimetrend.local.ModuleJvm;
import io.realtimetrend.local.ModuleMain;
import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * second one's page broken: the packaged app deployed to MiniDFS by the project's deploy code, Oozie 5.2.1's stock
 * {@code JavaActionExecutor}, {@code Hive2ActionExecutor} and {@code SparkActionExecutor} submitting
 * {@code LauncherAM} to MiniYARN with the {@code oozie}, {@code hive2} and {@code spark} sharelibs on HDFS; in its
 * NodeManager container the launcher runs the crawl (headless Chromium against local mode's demo page on
 * 127.0.0.1), Oozie's {@code Hive2Main} with Beeline against local mode's Hive 4 HiveServer2, Oozie's
 * {@code SparkMain} with the analyze job ({@code local[2]} inside the launcher) and the publish action against a
 * KRaft broker. What the first slot's workflow wrote is compared with what the same stage code gives outside Oozie
 * on the same snapshot; the second slot's layout-changed page ends its workflow at the kill node with the crawl's
 * own error line. The command serves on ({@code --serve}): the stock {@code oozie} CLI reruns the first slot's
 * workflow with Spark on YARN, in {@code client} mode (the driver in the launcher, executors in a YARN application)
 * and in {@code cluster} mode (the driver in a YARN application too), on the same cluster; each run's trends.csv and
 * message must equal those of Spark in the launcher, and its wall time and YARN usage (the command's
 * {@code on YARN:} line, from the ResourceManager's reports) are the figures the shipped default rests on.
 *
 * <p>The command's coordinator takes the shipped {@code job.properties} with local mode's overlay
 * ({@code LocalJobProperties}): the cluster's and services' addresses (HiveServer2 and the metastore service it
 * keeps the tables in), {@code sparkMaster=local[2]} in {@code client} mode, and where the nodes have Spark's Hive
 * 3.1.3 client ({@code sparkHiveMetastoreJars}); {@code analyzeSource=metastore} as shipped, so the analyze action
 * reads the table through the metastore and is compared with {@code --source files} outside Oozie. The broker is
 * this test's ({@code --bootstrap-servers}), so the message can be read after the run.
 */
class WorkflowThroughLaunchersIT {

    private static final Path ROOT = Path.of(System.getProperty("realtime.trend.root", "..")).toAbsolutePath().normalize();
    /** 18:10 and 18:20 KST on 2026-11-26: the first two slots of the recorded hour local mode's demo uses. */
    private static final String FIRST = "2026-11-26T09:10Z";
    private static final String BROKEN = "2026-11-26T09:20Z";
    private static final String SNAPSHOT = "raw/dt=2026-11-26/hr=18/202611261810.csv";
    private static final String TRENDS = "trends/window_end=202611261810/trends.csv";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern APPLICATION = Pattern.compile("application_\\d+_\\d+");

    private static Path work;
    private static Path data;
    private static ModuleJvm jvm;
    private static ChildProcess.Started kafka;
    private static int exitCode;
    private static String stdout;
    private static String stderr;
    private static Path runLogs;
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

    @BeforeAll
    static void runLocalModeOnYarn() throws Exception {
        work = Files.createDirectories(Path.of("target", "cluster-it")).toAbsolutePath();
        data = work.resolve("data");
        deleteRecursively(data);
        jvm = ModuleJvm.fromSystemProperty();
        long start = System.nanoTime();
        kafka = ChildProcess.startService(jvm.command(ModuleMain.KAFKA, Map.of(),
                List.of(Files.createTempDirectory(work, "kafka-").toString()), work.resolve("logs/kafka.log")),
                work.resolve("logs/kafka"), 120_000);
        List<String> command = List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--engine", "yarn",
                "--demo", "--demo-break-slot", "2", "--from", FIRST, "--to", BROKEN, "--data-root", data.toString(),
                "--bootstrap-servers", kafka.address(), "--oozie-port", "0", "--serve");
        Path out = work.resolve("local-yarn.out");
        Path err = work.resolve("local-yarn.err");
        long commandStart = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await(process, out, "^serving Oozie at .*$", 1);
            Figures.report("cluster-it", String.format("local --engine yarn --demo, two slots: %.1f s (broker %.1f s "
                    + "before it)", seconds(System.nanoTime() - commandStart), seconds(commandStart - start)));
            rerunTheFirstSlotWithSparkOnYarn(process, out);
            process.destroy(); // SIGTERM, as Ctrl-C ends a serving run
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            new ChildProcess.Started(process, "").close(); // whatever is left, should the run not have ended
        }
        exitCode = process.exitValue();
        stdout = Files.readString(out, StandardCharsets.UTF_8);
        stderr = Files.readString(err, StandardCharsets.UTF_8);
        System.out.println(stdout);
        System.err.println(stderr);
        Matcher logs = Pattern.compile(", logs (\\S+)$", Pattern.MULTILINE).matcher(stdout);
        assertThat(logs.find()).as("the command's first line names its logs:\n" + stdout + stderr).isTrue();
        runLogs = Path.of(logs.group(1));
        Matcher engine = Pattern.compile("^engine yarn: (.*?); launcher logs", Pattern.MULTILINE).matcher(stdout);
        if (engine.find()) {
            Figures.report("cluster-it", engine.group(1));
        }
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
                ChildProcess.Result rerun = child("rerun-" + run, ModuleMain.OOZIE_YARN.withMain("org.apache.oozie.cli.OozieCLI"),
                        "job", "-oozie", url, "-rerun", wfId, "-Doozie.wf.rerun.failnodes=false",
                        "-DsparkMaster=" + place.master(), "-DsparkMode=" + place.mode());
                assertThat(rerun.exitCode()).as(rerun.stdout() + rerun.stderr()).isZero();
            }
            await(process, out, "^\\[2026-11-26 18:10\\] workflow " + Pattern.quote(wfId) + " on YARN: .*$", run + 1);
            slotRuns.add(new SlotRun(place, wfId, run, Files.readAllLines(data.resolve(TRENDS), StandardCharsets.UTF_8)));
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
    static void stopBroker() throws Exception {
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
    void theShippedWorkflowRunsEachActionThroughItsStockLauncherAndGivesWhatTheStagesGiveOutsideOozie() throws Exception {
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
        Map<String, Map<String, String>> actionData = actionData(succeeded.group(1));

        // wf:actionData('crawl'): the launcher's capture-output, which the load action's <param>s read
        assertThat(actionData.get("crawl")).containsAllEntriesOf(Map.of("rows", "10", "slot", "2026-11-26 18:10:00",
                "dt", "2026-11-26", "hr", "18", "kept", "false", "skipped", "false"));
        assertThat(Path.of(java.net.URI.create(actionData.get("crawl").get("path")))).isEqualTo(data.resolve(SNAPSHOT));
        List<String> snapshot = Files.readAllLines(data.resolve(SNAPSHOT), StandardCharsets.UTF_8);
        assertThat(snapshot.get(0)).isEqualTo("snapshot_time,crawled_at,rank,keyword,state");
        assertThat(snapshot.subList(1, snapshot.size())).extracting(line -> line.substring(line.indexOf(',', 20) + 1))
                .containsExactly("1,날씨,same", "2,손흥민,same", "3,삼성전자,same", "4,로또 당첨번호,same", "5,환율,same",
                        "6,비트코인,same", "7,수능 등급컷,same", "8,김장 김치,same", "9,코스피,same", "10,BTS 진,same");

        // load (hive2): the hour's ORC partition holds exactly the snapshot's rows, read back through HiveServer2 on
        // the metastore the run's HiveServer2 kept under the data root
        assertThat(partitionRows("2026-11-26", "18")).isEqualTo(snapshot.subList(1, snapshot.size()));

        // analyze (spark) read the table through the metastore service, with the Hive 3.1.3 client Spark loaded
        Matcher analyzed = Pattern.compile("^\\[2026-11-26 18:10\\] analyze +OK \\S+ s\\) (\\S+)$", Pattern.MULTILINE)
                .matcher(stdout);
        assertThat(analyzed.find()).isTrue();
        assertThat(applicationLog(analyzed.group(1))).contains("Initializing HiveMetastoreConnection version 3.1.3")
                .containsPattern("--source\\s+metastore");
        // analyze (spark): the same job outside Oozie, on a copy of that ORC partition, writes the same trends.csv
        // from its files (--source files)
        Path local = Files.createTempDirectory(work, "stages-");
        copyRecursively(data.resolve("warehouse"), local.resolve("warehouse"));
        ChildProcess.Result analyze = child("analyze", ModuleMain.SPARK_JOB.withMain("io.realtimetrend.analyze.AnalyzeJob"),
                "--data-root", local.toString(), "--nominal-time", FIRST, "--source", "files");
        assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
        List<String> trends = Files.readAllLines(data.resolve(TRENDS), StandardCharsets.UTF_8);
        assertThat(trends).hasSizeGreaterThan(1).isEqualTo(Files.readAllLines(local.resolve(TRENDS)));

        // publish (java): the workflow's message equals what the publish action sends from that trends.csv
        ChildProcess.Result publish = child("publish", ModuleMain.JAVA_ACTIONS.withMain("io.realtimetrend.publish.PublishAction"),
                "--data-root", local.toString(), "--nominal-time", FIRST, "--bootstrap-servers", kafka.address(),
                "--topic", "expected_recent_topics");
        assertThat(publish.exitCode()).as(publish.stderr()).isZero();
        Map<String, String> sent = actionData.get("publish");
        assertThat(sent).containsEntry("topic", "recent_topics").containsEntry("key", "2026-11-26T18:10:00+09:00");
        ConsumerRecord<String, String> message = consume(sent);
        assertThat(message.key()).isEqualTo("2026-11-26T18:10:00+09:00");
        // the one difference: output_path names the trends directory the message was built from
        assertThat(message.value()).containsPattern("\"output_path\":\"[^\"]*" + data + "/trends/window_end=202611261810\"");
        assertThat(withoutOutputPath(message.value())).isEqualTo(withoutOutputPath(publish.stdout().strip()));
    }

    @Test
    void sparkOnYarnInClientAndClusterModeWritesTheSameTrendsAndSendsTheSameMessageAsSparkInTheLauncher() throws Exception {
        assertThat(slotRuns).extracting(SlotRun::place).containsExactlyElementsOf(PLACES);
        SlotRun inLauncher = slotRuns.get(0);
        ConsumerRecord<String, String> expected = consume(actionData(inLauncher.record()).get("publish"));
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
            ConsumerRecord<String, String> message = consume(actionData(run.record()).get("publish"));
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
        // with --serve the command reports the range's failure and goes on serving (the reruns); SIGTERM ends it, with
        // 128 + SIGTERM on this engine (YarnEngineStopIT)
        assertThat(stdout).contains("a run of the range failed: " + kill);
        assertThat(exitCode).as(stderr).isEqualTo(143);
        assertThat(actionData(killed.group(1))).doesNotContainKeys("load", "analyze", "publish");
        assertThat(Files.readString(runLogs.resolve(killed.group(1) + ".txt")))
                .doesNotContain("action load", "action analyze", "action publish");
        assertThat(stdout).doesNotContainPattern("\\[2026-11-26 18:20\\] (load|analyze|publish) ");
        assertThat(data.resolve("raw/dt=2026-11-26/hr=18/202611261820.csv")).doesNotExist();
        Figures.report("cluster-it", String.format("failed crawl through YARN (%s): %s s from start to ERROR",
                crawl.group(2), crawl.group(1)));
    }

    /**
     * The capture-output of each action of the workflow, as the command recorded it from Oozie
     * ({@code <logs>/<workflow id>.txt}: {@code wf:actionData('<action>'):} then its properties, indented).
     */
    private static Map<String, Map<String, String>> actionData(String workflowId) throws IOException {
        Map<String, Map<String, String>> all = new TreeMap<>();
        String name = null;
        StringBuilder block = new StringBuilder();
        List<String> lines = new ArrayList<>(Files.readAllLines(runLogs.resolve(workflowId + ".txt"), StandardCharsets.UTF_8));
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

    /** The partition's rows as the snapshot's CSV lines, read through HiveServer2 by the project's HQL runner. */
    private static List<String> partitionRows(String dt, String hr) throws Exception {
        Path logs = work.resolve("logs");
        try (ChildProcess.Started hive = ChildProcess.startService(jvm.command(ModuleMain.HIVE_SERVER, Map.of(),
                List.of(data.resolve(".local/local-run/hive").toString(), String.valueOf(freePort())),
                logs.resolve("hiveserver2.log")), logs.resolve("hiveserver2"), 180_000)) {
            Path script = work.resolve("partition_rows.hql");
            Files.writeString(script, """
                    SELECT concat_ws(',', CAST(snapshot_time AS STRING), CAST(crawled_at AS STRING), CAST(`rank` AS STRING),
                                     keyword, coalesce(state, '')) AS row_note
                    FROM realtime_trend.keyword_rank
                    WHERE dt = '${hivevar:dt}' AND hr = '${hivevar:hr}'
                    ORDER BY row_note;
                    """, StandardCharsets.UTF_8);
            ChildProcess.Result rows = child("partition-rows", ModuleMain.RUN_HQL, "--jdbc-url", hive.address(),
                    "--script", script.toString(), "--hivevar", "dt=" + dt, "--hivevar", "hr=" + hr);
            assertThat(rows.exitCode()).as(rows.stderr()).isZero();
            // ordered by the text: the rank column sorts 1, 10, 2 …; put the lines back in rank order
            return rows.stdout().lines().sorted(Comparator.comparingInt(line -> Integer.parseInt(line.split(",")[2])))
                    .toList();
        }
    }

    private static ChildProcess.Result child(String name, ModuleMain main, String... args) throws Exception {
        Path logs = work.resolve("logs");
        return ChildProcess.run(name, jvm.command(main, Map.of(), List.of(args), logs.resolve(name + ".log")),
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

    private static void copyRecursively(Path from, Path to) throws IOException {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
