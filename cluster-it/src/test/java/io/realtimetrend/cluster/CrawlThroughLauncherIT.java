package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.deploy.AppDeployer;
import io.realtimetrend.local.DemoSite;
import io.realtimetrend.testing.Figures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crawl action of the packaged app through Oozie's own launcher path on a mini Hadoop cluster: the app
 * uploaded by {@link AppDeployer} (what {@code mvn deploy} runs), the stock {@code JavaActionExecutor} submitting
 * {@code LauncherAM} to YARN with the {@code oozie} sharelib, {@code LauncherAM} in a NodeManager container running
 * {@code io.realtimetrend.crawl.CrawlAction} from the app's {@code lib/} (its shaded jar) with headless Chromium
 * against a recorded page on 127.0.0.1, and capture-output coming back as {@code wf:actionData('crawl')}; and a
 * page whose layout changed ending the workflow at the kill node with no snapshot written.
 *
 * <p>The workflow run is the shipped one cut down to its crawl action ({@link SingleActionWorkflow}): the hive2
 * and spark executors and their sharelibs are issue 14's next milestones, and a shipped workflow would fail at
 * {@code load} without them. The job properties are the shipped {@code job.properties} with only the cluster's
 * addresses, the page and the run's slot laid over them.
 */
class CrawlThroughLauncherIT {

    /** 18:10 KST on 2026-11-26: a slot of the recorded hour local mode's demo uses. */
    private static final String NOMINAL_TIME = "2026-11-26T09:10Z";
    private static final String SNAPSHOT = "/data/realtime-trend/raw/dt=2026-11-26/hr=18/202611261810.csv";
    private static final Duration WORKFLOW_TIMEOUT = Duration.ofMinutes(2);

    private static MiniHadoop cluster;
    private static ClusterOozie oozie;
    private static String appPath;
    private static String crawlOnlyPath;

    @BeforeAll
    static void startCluster() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "cluster-it")).toAbsolutePath();
        String user = System.getProperty("user.name");
        long start = System.nanoTime();
        cluster = MiniHadoop.start(work, Path.of(System.getProperty("node.lib.dir")));
        long clusterUp = System.nanoTime();
        FileSystem fs = cluster.fileSystem();
        org.apache.hadoop.fs.Path sharelib = Sharelib.root(fs, user);
        Sharelib.upload(fs, sharelib, new File(System.getProperty("sharelib.dir")));

        File app = new File(System.getProperty("app.dir"));
        appPath = new AppDeployer(cluster.conf())
                .deploy(app, new org.apache.hadoop.fs.Path(cluster.nameNode() + "/apps/realtime-trend")).toString();
        crawlOnlyPath = cluster.nameNode() + "/apps/crawl-only";
        try (InputStream shipped = Files.newInputStream(app.toPath().resolve("workflow.xml"));
             OutputStream out = fs.create(new org.apache.hadoop.fs.Path(crawlOnlyPath, "workflow.xml"))) {
            out.write(SingleActionWorkflow.cut(shipped, "crawl"));
        }
        long staged = System.nanoTime();
        oozie = ClusterOozie.start(work.resolve("oozie"), cluster, sharelib.toString());
        long oozieUp = System.nanoTime();
        Figures.report("cluster-it", String.format("MiniDFS + MiniYARN up in %.1f s, sharelib and app on HDFS in %.1f s, "
                + "Oozie up in %.1f s", seconds(clusterUp - start), seconds(staged - clusterUp), seconds(oozieUp - staged)));
    }

    @AfterAll
    static void stopCluster() {
        if (oozie != null) {
            oozie.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void crawlRunsInALauncherContainerWritesTheSnapshotOnHdfsAndHandsBackItsActionData() throws Exception {
        WorkflowJob job;
        // local mode's demo site: its first page is the recorded slot-1 page
        try (DemoSite page = new DemoSite(0)) {
            job = run(jobProperties(page));
        }
        WorkflowAction crawl = action(job, "crawl");
        assertThat(job.getStatus()).as("workflow %s: %s", job.getId(), crawl.getErrorMessage())
                .isEqualTo(WorkflowJob.Status.SUCCEEDED);
        assertThat(crawl.getStatus()).isEqualTo(WorkflowAction.Status.OK);
        // LauncherAM ran as a YARN application of its own
        assertThat(crawl.getExternalId()).startsWith("application_");
        Figures.report("cluster-it", String.format("crawl through YARN (%s): %.1f s from start to OK",
                crawl.getExternalId(), seconds(crawl.getEndTime().getTime() - crawl.getStartTime().getTime(), 1e3)));

        Properties data = new Properties();
        data.load(new StringReader(crawl.getData()));
        assertThat(data.getProperty("path")).isEqualTo(cluster.nameNode() + SNAPSHOT);
        assertThat(data.getProperty("rows")).isEqualTo("10");
        assertThat(data.getProperty("slot")).isEqualTo("2026-11-26 18:10:00");
        assertThat(data.getProperty("dt")).isEqualTo("2026-11-26");
        assertThat(data.getProperty("hr")).isEqualTo("18");
        assertThat(data.getProperty("kept")).isEqualTo("false");
        assertThat(data.getProperty("skipped")).isEqualTo("false");

        List<String> lines = read(SNAPSHOT);
        assertThat(lines.get(0)).isEqualTo("snapshot_time,crawled_at,rank,keyword,state");
        assertThat(lines.subList(1, lines.size())).hasSize(10)
                .allSatisfy(line -> assertThat(line).matches("2026-11-26 18:10:00,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,.*"));
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(line.indexOf(',', 20) + 1))
                .containsExactly("1,날씨,same", "2,손흥민,same", "3,삼성전자,same", "4,로또 당첨번호,same", "5,환율,same",
                        "6,비트코인,same", "7,수능 등급컷,same", "8,김장 김치,same", "9,코스피,same", "10,BTS 진,same");
    }

    @Test
    void aPageWhoseLayoutChangedEndsTheWorkflowAtTheKillNodeWithoutASnapshot() throws Exception {
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
        assertThat(cluster.fileSystem().exists(new org.apache.hadoop.fs.Path(
                "/data/realtime-trend/raw/dt=2026-11-26/hr=18/202611261820.csv"))).isFalse();
        Figures.report("cluster-it", String.format("failed crawl through YARN (%s): %.1f s from start to ERROR",
                crawl.getExternalId(), seconds(crawl.getEndTime().getTime() - crawl.getStartTime().getTime(), 1e3)));
    }

    /** The shipped job.properties with this cluster's addresses, the recorded page and the run's slot. */
    private static Properties jobProperties(DemoSite page) throws IOException {
        return jobProperties(page, NOMINAL_TIME);
    }

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
        job.setProperty(OozieClient.APP_PATH, crawlOnlyPath);
        // the deployed app's lib/ (its shaded jars), as for the shipped workflow beside it
        job.setProperty(OozieClient.LIBPATH, appPath + "/lib");
        // what the coordinator passes to each workflow
        job.setProperty("nominalTime", nominalTime);
        job.setProperty("signalUrl", page.url().toString());
        // the node's own headless Chromium (/usr/bin/chromium), as a cluster without a Selenium Grid has
        job.setProperty("seleniumUrl", "local");
        // the recorded page stands for its slot, however long ago that was (as in local --demo)
        job.setProperty("crawlMaxLag", "P3650D");
        // a failure shows at once instead of after Oozie's retries
        job.setProperty("networkRetryMax", "0");
        return job;
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

    private static WorkflowAction action(WorkflowJob job, String name) {
        return job.getActions().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("workflow " + job.getId() + " has no action " + name));
    }

    private static List<String> read(String path) throws IOException {
        try (FSDataInputStream in = cluster.fileSystem().open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static double seconds(long nanos) {
        return seconds(nanos, 1e9);
    }

    private static double seconds(long amount, double perSecond) {
        return amount / perSecond;
    }
}
