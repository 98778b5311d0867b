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
 * own error line, and the command with exit 1.
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
                "--bootstrap-servers", kafka.address(), "--oozie-port", "0");
        Path out = work.resolve("local-yarn.out");
        Path err = work.resolve("local-yarn.err");
        long commandStart = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            ChildProcess.Started running = new ChildProcess.Started(process, "");
            running.close();
            throw new AssertionError("local --engine yarn did not end within " + COMMAND_TIMEOUT + ":\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        exitCode = process.exitValue();
        stdout = Files.readString(out, StandardCharsets.UTF_8);
        stderr = Files.readString(err, StandardCharsets.UTF_8);
        System.out.println(stdout);
        System.err.println(stderr);
        Matcher logs = Pattern.compile(", logs (\\S+)$", Pattern.MULTILINE).matcher(stdout);
        assertThat(logs.find()).as("the command's first line names its logs:\n" + stdout + stderr).isTrue();
        runLogs = Path.of(logs.group(1));
        Figures.report("cluster-it", String.format("local --engine yarn --demo, two slots: %.1f s (broker %.1f s before it)",
                seconds(System.nanoTime() - commandStart), seconds(commandStart - start)));
        Matcher engine = Pattern.compile("^engine yarn: (.*?); launcher logs", Pattern.MULTILINE).matcher(stdout);
        if (engine.find()) {
            Figures.report("cluster-it", engine.group(1));
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
        assertThat(launcherStdout(analyzed.group(1))).contains("Initializing HiveMetastoreConnection version 3.1.3")
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

    /** The stdout of the launcher container of YARN application {@code id}, from the run's container logs. */
    private static String launcherStdout(String id) throws IOException {
        Matcher logs = Pattern.compile("; launcher logs in (\\S+)$", Pattern.MULTILINE).matcher(stdout);
        assertThat(logs.find()).as(stdout).isTrue();
        try (Stream<Path> files = Files.walk(Path.of(logs.group(1), id))) {
            Path out = files.filter(f -> f.getFileName().toString().equals("stdout")).findFirst().orElseThrow();
            return Files.readString(out, StandardCharsets.UTF_8);
        }
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
        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr.strip()).isEqualTo("local failed: " + kill);
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
