package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.deploy.AppDeployer;
import io.realtimetrend.local.ChildProcess;
import io.realtimetrend.local.DemoSite;
import io.realtimetrend.local.ModuleJvm;
import io.realtimetrend.local.ModuleMain;
import io.realtimetrend.testing.Figures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped workflow of the packaged app through Oozie's own launchers on a mini Hadoop cluster: the app uploaded
 * by {@link AppDeployer} (what {@code mvn deploy} runs), the stock {@code JavaActionExecutor},
 * {@code Hive2ActionExecutor} and {@code SparkActionExecutor} submitting {@code LauncherAM} to YARN with the
 * {@code oozie}, {@code hive2} and {@code spark} sharelibs; in its NodeManager container the launcher runs the crawl
 * (headless Chromium against local mode's recorded demo page on 127.0.0.1), Oozie's {@code Hive2Main} with Beeline
 * against a Hive 4 HiveServer2, Oozie's {@code SparkMain} with the analyze job ({@code local[*]} inside the
 * launcher) and the publish action against a KRaft broker. HiveServer2 and the broker are local mode's, in JVMs of
 * their own (oozie-local's {@link ModuleJvm}). What the workflow wrote is compared with what the same stage code
 * gives outside Oozie on the same snapshot. A page whose layout changed ends the workflow at the kill node with the
 * crawl's own error line.
 *
 * <p>The job properties are the shipped {@code job.properties} with only the cluster's addresses, the services'
 * addresses, the page and the run's slot laid over them, plus {@code sparkMaster=local[*]}/{@code sparkMode=client}
 * and {@code analyzeSource=files} (this cluster has no metastore service: HiveServer2's Derby metastore is embedded).
 */
class WorkflowThroughLaunchersIT {

    /** 18:10 KST on 2026-11-26: a slot of the recorded hour local mode's demo uses. */
    private static final String NOMINAL_TIME = "2026-11-26T09:10Z";
    private static final String DATA = "/data/realtime-trend";
    private static final String SNAPSHOT = DATA + "/raw/dt=2026-11-26/hr=18/202611261810.csv";
    private static final String TRENDS = "trends/window_end=202611261810/trends.csv";
    private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);

    private static Path work;
    private static ModuleJvm jvm;
    private static MiniHadoop cluster;
    private static ClusterOozie oozie;
    private static ChildProcess.Started hive;
    private static ChildProcess.Started kafka;
    private static String appPath;
    private static long classStart;

    @BeforeAll
    static void startCluster() throws Exception {
        work = Files.createDirectories(Path.of("target", "cluster-it")).toAbsolutePath();
        jvm = ModuleJvm.fromSystemProperty();
        Path logs = Files.createDirectories(work.resolve("logs"));
        String user = System.getProperty("user.name");
        long start = System.nanoTime();
        classStart = start;
        // what a cluster has running besides Hadoop, started while the mini cluster starts: local mode's
        // HiveServer2 (Hive 4, Derby metastore) and KRaft broker, each in a JVM of its own
        ExecutorService services = Executors.newFixedThreadPool(2);
        Future<ChildProcess.Started> hiveStart = services.submit(timed("HiveServer2", start, () -> ChildProcess.startService(
                jvm.command(ModuleMain.HIVE_SERVER, Map.of(), List.of(Files.createTempDirectory(work, "hive-").toString(),
                        String.valueOf(freePort())), logs.resolve("hiveserver2.log")), logs.resolve("hiveserver2"), 180_000)));
        Future<ChildProcess.Started> kafkaStart = services.submit(timed("KRaft broker", start, () -> ChildProcess.startService(
                jvm.command(ModuleMain.KAFKA, Map.of(), List.of(Files.createTempDirectory(work, "kafka-").toString()),
                        logs.resolve("kafka.log")), logs.resolve("kafka"), 120_000)));
        services.shutdown();
        try {
            cluster = MiniHadoop.start(work, Path.of(System.getProperty("node.lib.dir")));
            long clusterUp = System.nanoTime();
            FileSystem fs = cluster.fileSystem();
            org.apache.hadoop.fs.Path sharelib = Sharelib.root(fs, user);
            Sharelib.upload(fs, sharelib, new File(System.getProperty("sharelib.dir")));
            long sharelibUp = System.nanoTime();
            appPath = new AppDeployer(cluster.conf()).deploy(new File(System.getProperty("app.dir")),
                    new org.apache.hadoop.fs.Path(cluster.nameNode() + "/apps/realtime-trend")).toString();
            long staged = System.nanoTime();
            oozie = ClusterOozie.start(work.resolve("oozie"), cluster, sharelib.toString(), launcherJvmOptions());
            long oozieUp = System.nanoTime();
            Figures.report("cluster-it", String.format("MiniDFS + MiniYARN up in %.1f s, sharelib (oozie, hive2, spark) "
                    + "on HDFS in %.1f s, app deployed in %.1f s, Oozie up in %.1f s", seconds(clusterUp - start),
                    seconds(sharelibUp - clusterUp), seconds(staged - sharelibUp), seconds(oozieUp - staged)));
        } finally {
            hive = hiveStart.get();
            kafka = kafkaStart.get();
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (oozie != null) {
                oozie.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (hive != null) {
                hive.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
        Figures.report("cluster-it", String.format("the cluster, its services, both workflows and the shutdown: %.1f s",
                seconds(System.nanoTime() - classStart)));
    }

    @Test
    void theShippedWorkflowRunsEachActionThroughItsStockLauncherAndGivesWhatTheStagesGiveOutsideOozie() throws Exception {
        WorkflowJob job;
        // local mode's demo site: its first page is the recorded slot-1 page
        try (DemoSite page = new DemoSite(0)) {
            job = run(jobProperties(page, NOMINAL_TIME));
        }
        assertThat(job.getStatus()).as("workflow %s: %s", job.getId(), job.getActions().stream()
                .map(a -> a.getName() + " " + a.getStatus() + " " + a.getErrorMessage()).toList())
                .isEqualTo(WorkflowJob.Status.SUCCEEDED);
        for (String name : List.of("crawl", "load", "analyze", "publish")) {
            WorkflowAction action = action(job, name);
            assertThat(action.getStatus()).as(name).isEqualTo(WorkflowAction.Status.OK);
            // each action's LauncherAM ran as a YARN application of its own
            assertThat(action.getExternalId()).as(name).startsWith("application_");
            Figures.report("cluster-it", String.format("%s through YARN (%s): %.1f s from start to OK", name,
                    action.getExternalId(), seconds(action.getEndTime().getTime() - action.getStartTime().getTime(), 1e3)));
        }
        Figures.report("cluster-it", String.format("workflow %s SUCCEEDED in %.1f s", job.getId(),
                seconds(job.getEndTime().getTime() - job.getStartTime().getTime(), 1e3)));

        // wf:actionData('crawl'): the launcher's capture-output, which the load action's <param>s read
        assertThat(properties(action(job, "crawl").getData())).containsAllEntriesOf(Map.of(
                "path", cluster.nameNode() + SNAPSHOT, "rows", "10", "slot", "2026-11-26 18:10:00", "dt", "2026-11-26",
                "hr", "18", "kept", "false", "skipped", "false"));
        List<String> snapshot = read(SNAPSHOT);
        assertThat(snapshot.get(0)).isEqualTo("snapshot_time,crawled_at,rank,keyword,state");
        assertThat(snapshot.subList(1, snapshot.size())).extracting(line -> line.substring(line.indexOf(',', 20) + 1))
                .containsExactly("1,날씨,same", "2,손흥민,same", "3,삼성전자,same", "4,로또 당첨번호,same", "5,환율,same",
                        "6,비트코인,same", "7,수능 등급컷,same", "8,김장 김치,same", "9,코스피,same", "10,BTS 진,same");

        // load (hive2): the hour's ORC partition holds exactly the snapshot's rows, read back through HiveServer2
        assertThat(partitionRows("2026-11-26", "18")).isEqualTo(snapshot.subList(1, snapshot.size()));

        // analyze (spark): the same job outside Oozie, on a copy of that ORC partition, writes the same trends.csv
        Path local = Files.createTempDirectory(work, "stages-");
        cluster.fileSystem().copyToLocalFile(new org.apache.hadoop.fs.Path(DATA + "/warehouse"),
                new org.apache.hadoop.fs.Path(local.resolve("warehouse").toUri()));
        ChildProcess.Result analyze = child("analyze", ModuleMain.SPARK_JOB.withMain("io.realtimetrend.analyze.AnalyzeJob"),
                "--data-root", local.toString(), "--nominal-time", NOMINAL_TIME, "--source", "files");
        assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
        List<String> trends = read(DATA + "/" + TRENDS);
        assertThat(trends).hasSizeGreaterThan(1).isEqualTo(Files.readAllLines(local.resolve(TRENDS)));

        // publish (java): the workflow's message equals what the publish action sends from that trends.csv
        ChildProcess.Result publish = child("publish", ModuleMain.JAVA_ACTIONS.withMain("io.realtimetrend.publish.PublishAction"),
                "--data-root", local.toString(), "--nominal-time", NOMINAL_TIME, "--bootstrap-servers", kafka.address(),
                "--topic", "expected_recent_topics");
        assertThat(publish.exitCode()).as(publish.stderr()).isZero();
        Map<String, String> sent = properties(action(job, "publish").getData());
        assertThat(sent).containsEntry("topic", "recent_topics").containsEntry("key", "2026-11-26T18:10:00+09:00");
        ConsumerRecord<String, String> message = consume(sent);
        assertThat(message.key()).isEqualTo("2026-11-26T18:10:00+09:00");
        // the one difference: output_path names the trends directory the message was built from
        assertThat(message.value()).contains("\"output_path\":\"" + cluster.nameNode() + DATA + "/trends/window_end=202611261810\"");
        assertThat(withoutOutputPath(message.value())).isEqualTo(withoutOutputPath(publish.stdout().strip()));
    }

    @Test
    void aPageWhoseLayoutChangedEndsTheWorkflowAtTheKillNodeWithTheCrawlsOwnErrorLine() throws Exception {
        WorkflowJob job;
        String url;
        // local mode's demo site with its first slot broken: the first page it serves has a new layout
        try (DemoSite page = new DemoSite(1)) {
            url = page.url().toString();
            job = run(jobProperties(page, "2026-11-26T09:20Z"));
        }
        WorkflowAction crawl = action(job, "crawl");
        String kill = action(job, "fail").getErrorMessage();
        assertThat(job.getStatus()).isEqualTo(WorkflowJob.Status.KILLED);
        assertThat(crawl.getStatus()).isEqualTo(WorkflowAction.Status.ERROR);
        assertThat(crawl.getExternalId()).startsWith("application_");
        // the crawl's own error line: under LauncherAM its main throws the line (CommandLines.main) and the launcher
        // reports the exception's message, where System.exit(1) would give only "Main Class [...], exit code [1]"
        assertThat(kill).isEqualTo("realtime-trend failed at crawl for 2026-11-26T09:20Z: crawl failed: ranking not "
                + "rendered within 15 s: nothing matches keyword selector 'span.rank-text' on " + url + " (page layout changed?)");
        assertThat(job.getActions()).extracting(WorkflowAction::getName).doesNotContain("load", "analyze", "publish");
        assertThat(cluster.fileSystem().exists(new org.apache.hadoop.fs.Path(
                DATA + "/raw/dt=2026-11-26/hr=18/202611261820.csv"))).isFalse();
        Figures.report("cluster-it", String.format("failed crawl through YARN (%s): %.1f s from start to ERROR",
                crawl.getExternalId(), seconds(crawl.getEndTime().getTime() - crawl.getStartTime().getTime(), 1e3)));
    }

    /** The shipped job.properties with this cluster's and its services' addresses, the page and the run's slot. */
    private static Properties jobProperties(DemoSite page, String nominalTime) throws IOException {
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("app.dir"), "job.properties"))) {
            job.load(in);
        }
        job.remove(OozieClient.BUNDLE_APP_PATH);
        job.setProperty(OozieClient.USER_NAME, System.getProperty("user.name"));
        job.setProperty("nameNode", cluster.nameNode());
        job.setProperty("jobTracker", cluster.resourceManager());
        job.setProperty("appPath", appPath);
        job.setProperty(OozieClient.APP_PATH, appPath);
        // what the coordinator passes to each workflow
        job.setProperty("nominalTime", nominalTime);
        job.setProperty("signalUrl", page.url().toString());
        // the node's own headless Chromium (/usr/bin/chromium), as a cluster without a Selenium Grid has
        job.setProperty("seleniumUrl", "local");
        // the recorded page stands for its slot, however long ago that was (as in local --demo)
        job.setProperty("crawlMaxLag", "P3650D");
        // a failure shows at once instead of after Oozie's retries
        job.setProperty("networkRetryMax", "0");
        job.setProperty("hiveJdbcUrl", hive.address());
        job.setProperty("kafkaBootstrapServers", kafka.address());
        // Spark inside the launcher (SparkMain runs spark-submit in its JVM); no metastore service here
        job.setProperty("sparkMaster", "local[*]");
        job.setProperty("sparkMode", "client");
        job.setProperty("analyzeSource", "files");
        return job;
    }

    /** The JVM options a cluster's admin gives every launcher on JDK 17: the build's one list (Spark's opens). */
    private static String launcherJvmOptions() throws IOException {
        return Files.readString(jvm.root().resolve("spark-job/target/classes/realtime-trend-jvm-options.txt")).strip();
    }

    private static WorkflowJob run(Properties properties) throws Exception {
        OozieClient client = oozie.workflows();
        String id = client.run(properties);
        long deadline = System.nanoTime() + WORKFLOW_TIMEOUT.toNanos();
        WorkflowJob job = client.getJobInfo(id);
        while (job.getStatus() == WorkflowJob.Status.PREP || job.getStatus() == WorkflowJob.Status.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workflow " + id + " still " + job.getStatus() + " after " + WORKFLOW_TIMEOUT);
            }
            Thread.sleep(500);
            job = client.getJobInfo(id);
        }
        return job;
    }

    /** The partition's rows as the snapshot's CSV lines, read through HiveServer2 by the project's HQL runner. */
    private static List<String> partitionRows(String dt, String hr) throws Exception {
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
        return rows.stdout().lines().sorted(java.util.Comparator.comparingInt(
                line -> Integer.parseInt(line.split(",")[2]))).toList();
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

    private static WorkflowAction action(WorkflowJob job, String name) {
        return job.getActions().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("workflow " + job.getId() + " has no action " + name));
    }

    /** Capture-output (Java properties text) as a map. */
    private static Map<String, String> properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new java.util.TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static List<String> read(String path) throws IOException {
        try (FSDataInputStream in = cluster.fileSystem().open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static <T> Callable<T> timed(String name, long start, Callable<T> service) {
        return () -> {
            T started = service.call();
            Figures.report("cluster-it", String.format("%s ready %.1f s after the start (in parallel with the cluster)",
                    name, seconds(System.nanoTime() - start)));
            return started;
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long nanos) {
        return seconds(nanos, 1e9);
    }

    private static double seconds(long amount, double perSecond) {
        return amount / perSecond;
    }
}
