package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.TimeFormats;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.oozie.client.CoordinatorJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock {@code oozie} CLI ({@link OozieCli}) against local mode's Oozie: its REST API on 127.0.0.1, with the app's
 * bundle submitted through it with local mode's job.properties (its first run far ahead, so nothing runs).
 */
class OozieCliTest {

    private static final Path APP = Path.of("../oozie-app/app").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    private static OozieServer oozie;
    private static String bundleId;

    @BeforeAll
    static void startOozieAndSubmitTheAppsBundle() throws Exception {
        oozie = OozieServer.start(home.resolve("oozie"), Map.of());
        Path app = Files.createDirectories(home.resolve("app"));
        try (Stream<Path> files = Files.list(APP)) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("../job.properties"), app.resolve("job.properties"));
        Instant first = Instant.parse("2099-01-01T00:00:00Z");
        Properties job = new LocalJobProperties(new RunningEngine.Hadoop("file:///", "localhost:8032", app.toUri().toString(),
                "file:///opt/hive-metastore-client-3.1.3/*"),
                DataLayout.of(home.resolve("data").toString()), TimeFormats.DEFAULT_ZONE,
                new Schedule(first, first.plus(Duration.ofMinutes(50)), 10, false), true, URI.create("http://127.0.0.1:9/"),
                "jdbc:hive2://127.0.0.1:9/", "thrift://127.0.0.1:9", "127.0.0.1:9", Map.of()).over(app);
        bundleId = oozie.client().run(job);
    }

    @AfterAll
    static void stopOozie() throws InterruptedException {
        oozie.close();
    }

    @Test
    void servesOnLoopbackUnderOozie() {
        assertThat(oozie.url()).matches("http://127\\.0\\.0\\.1:\\d+/oozie");
    }

    @Test
    void adminStatusShowsTheServerInNormalMode() throws Exception {
        OozieCli.Result status = cli("admin", "-status");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("System mode: NORMAL");
    }

    @Test
    void jobsOfTypeBundleListsTheAppsBundle() throws Exception {
        OozieCli.Result jobs = cli("jobs", "-jobtype", "bundle");

        assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
        assertThat(jobs.stdout()).contains(bundleId, "realtime-trend-bundle");
    }

    @Test
    void jobInfoOfTheBundleShowsTheCoordinatorItStarted() throws Exception {
        String coordId = BundleSubmission.coordinatorOf(oozie.client(), bundleId);
        assertThat(oozie.client().getBundleJobInfo(bundleId).getCoordinators()).as("coordinators of " + bundleId)
                .extracting(CoordinatorJob::getId).containsExactly(coordId);

        OozieCli.Result info = cli("job", "-info", bundleId);

        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.stdout()).contains("Job ID : " + bundleId, "Job Name : realtime-trend-bundle", coordId);
        assertThat(coordId).endsWith("-C");
    }

    @Test
    void jobLogOfTheBundlePrintsOoziesLinesAboutIt() throws Exception {
        OozieCli.Result log = cli("job", "-log", bundleId);

        assertThat(log.exitCode()).as(log.toString()).isZero();
        assertThat(log.stdout()).contains("JOB[" + bundleId + "]");
    }

    private static OozieCli.Result cli(String... args) throws IOException, InterruptedException {
        return new OozieCli(oozie.url(), home).run(args);
    }
}
