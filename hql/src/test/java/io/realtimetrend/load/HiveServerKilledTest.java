package io.realtimetrend.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.testing.FaultTable;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the HiveServer2 process is killed (SIGKILL) while the load's INSERT OVERWRITE writes (its staging
 * directory exists). The load fails with one
 * clear line, the partition keeps the rows it had, and the rerun after a restart completes.
 */
class HiveServerKilledTest {

    @TempDir
    Path home;

    private Process hive;

    @AfterEach
    void stopHive() throws Exception {
        if (hive != null) {
            hive.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** HiveServerMain in a JVM of its own, on a fixed port, sharing the metastore across restarts. */
    private String startHive(int port) throws Exception {
        ServiceJvm started = ServiceJvm.start(home, HiveServerMain.class, home.resolve("hive").toString(),
                String.valueOf(port));
        hive = started.process();
        return started.address();
    }


    private void copyRaw(String name) throws Exception {
        Path dir = Files.createDirectories(home.resolve("data/raw/dt=2026-11-26/hr=18"));
        try (InputStream in = getClass().getResourceAsStream("raw/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    private record Load(int exitCode, String stderr) {
    }

    private Load load(String jdbcUrl, String... extra) {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--jdbc-url", jdbcUrl,
                "--data-root", home.resolve("data").toString(), "--nominal-time", "2026-11-26T18:20:00+09:00",
                "--login-timeout", "PT10S"));
        args.addAll(List.of(extra));
        int exit = CommandLines.execute(new LoadCommand(), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Load(exit, err.toString().strip());
    }

    private static long rows(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "test", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM realtime_trend.keyword_rank WHERE dt = '2026-11-26' AND hr = '18'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Whether the INSERT OVERWRITE is writing: Hive's staging directory exists under the table's location. */
    private boolean insertWriting() {
        Path table = home.resolve("data/warehouse/keyword_rank");
        if (!Files.isDirectory(table)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(table)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".hive-staging"));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void hiveServerKilledDuringTheInsertFailsTheLoadAndThePartitionKeepsItsRows() throws Exception {
        int port = LoopbackPort.free();
        String url = startHive(port);
        copyRaw("202611261810.csv");
        assertThat(load(url).exitCode()).isZero();
        assertThat(rows(url)).isEqualTo(10);

        copyRaw("202611261820.csv");
        long started = System.nanoTime();
        CompletableFuture<Load> running = CompletableFuture.supplyAsync(() -> load(url));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!insertWriting() && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(running.isDone()).as("the load was still running when HiveServer2 was killed").isFalse();
        hive.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        Load failed = running.get(120, TimeUnit.SECONDS);
        Duration toFail = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).startsWith("load failed: hql/load_snapshot.hql:").doesNotContain("\n");
        FaultTable.record("HiveServer2 killed during the INSERT OVERWRITE", "load exit 1, partition kept its 10 rows, "
                + "rerun after restart loads 20", toFail);

        String restarted = startHive(port);
        assertThat(rows(restarted)).as("the partition after the killed load").isEqualTo(10);
        assertThat(load(restarted).exitCode()).isZero();
        assertThat(rows(restarted)).isEqualTo(20);
    }

    @Test
    void hiveServerStoppedDuringTheLoadFailsItWithinTheSocketTimeoutAndTheRerunLoads() throws Exception {
        String url = startHive(LoopbackPort.free());
        copyRaw("202611261810.csv");
        assertThat(load(url).exitCode()).isZero();

        copyRaw("202611261820.csv");
        long started = System.nanoTime();
        CompletableFuture<Load> running = CompletableFuture.supplyAsync(() -> load(url, "--socket-timeout", "PT5S"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!insertWriting() && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(running.isDone()).as("the load was still running when HiveServer2 was stopped").isFalse();
        // fault: HiveServer2 stops answering (SIGSTOP: the process and its sockets stay, nothing is read or written)
        signal("STOP");
        try {
            Load failed = running.get(60, TimeUnit.SECONDS);
            Duration toFail = Duration.ofNanos(System.nanoTime() - started);
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.stderr()).startsWith("load failed: ").contains("HiveServer2 did not answer within the socket timeout").doesNotContain("\n");
            assertThat(toFail).isLessThan(Duration.ofSeconds(40));
            FaultTable.record("HiveServer2 SIGSTOPped during the INSERT OVERWRITE (--socket-timeout PT5S)",
                    "load exit 1 naming the timeout; after SIGCONT the rerun loads 20 rows", toFail);
        } finally {
            signal("CONT");
        }
        assertThat(load(url).exitCode()).isZero();
        assertThat(rows(url)).isEqualTo(20);
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(hive.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }
}
