package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.contract.TrendColumns;
import io.realtimetrend.testing.FaultTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the Kafka broker is stopped before a publish. The publish action (its own JVM, as Oozie runs it) fails
 * within its timeout and appends nothing; after the broker restarts on its kept log directory, the rerun publishes
 * the window once (it becomes the topic's second record).
 */
class BrokerRestartTest {

    private static final ModuleJvm JVM = new ModuleJvm(Path.of("..").toAbsolutePath().normalize());

    private final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    private ChildProcesses.Started startBroker(int port) throws Exception {
        return ChildProcesses.startService(JVM.command(ModuleMain.KAFKA, Map.of(),
                List.of(tmp.resolve("kafka").toString(), String.valueOf(port)), tmp.resolve("kafka.log")),
                tmp.resolve("kafka-" + System.nanoTime()), 90_000);
    }

    private void writeTrends(String windowEnd) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data/trends/window_end=" + windowEnd));
        String time = windowEnd.substring(0, 4) + "-" + windowEnd.substring(4, 6) + "-" + windowEnd.substring(6, 8) + " "
                + windowEnd.substring(8, 10) + ":" + windowEnd.substring(10) + ":00";
        Files.writeString(dir.resolve("trends.csv"), String.join(",", TrendColumns.HEADER) + "\r\n"
                + time + ",1,날씨,6,6,100.0,1.00,1,1\r\n" + time + ",2,로또,3,6,50.0,2.00,2,2\r\n");
    }

    /** Runs the publish action for {@code nominalTime}; its capture-output is returned (empty on failure). */
    private Properties publish(String nominalTime, int port, ChildProcesses.Result[] result) throws Exception {
        Path output = tmp.resolve("publish-" + System.nanoTime() + ".properties");
        List<String> command = JVM.command(ModuleMain.JAVA_ACTIONS.withMain("io.realtimetrend.publish.PublishAction"),
                Map.of("oozie.action.output.properties", output.toString()),
                List.of("--data-root", tmp.resolve("data").toString(), "--nominal-time", nominalTime,
                        "--bootstrap-servers", "127.0.0.1:" + port, "--timeout", "PT5S"), tmp.resolve("publish.log"));
        result[0] = children.run("publish", command, tmp.resolve("publish-" + System.nanoTime()),
                Instant.now().plusSeconds(120));
        Properties properties = new Properties();
        if (Files.exists(output)) {
            try (InputStream in = Files.newInputStream(output)) {
                properties.load(in);
            }
        }
        return properties;
    }


    @Test
    void publishWhileTheBrokerIsDownFailsInBoundAndTheRerunAfterRestartPublishesOnce() throws Exception {
        int port = LoopbackPort.free();
        writeTrends("202611261810");
        writeTrends("202611261820");
        ChildProcesses.Result[] result = new ChildProcesses.Result[1];
        ChildProcesses.Started broker = startBroker(port);
        assertThat(publish("2026-11-26T18:10:00+09:00", port, result)).containsEntry("offset", "0");
        broker.close();

        long started = System.nanoTime();
        Properties failed = publish("2026-11-26T18:20:00+09:00", port, result);
        Duration toFail = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result[0].exitCode()).isNotZero();
        assertThat(result[0].lastErrorLine()).startsWith("publish failed: ");
        assertThat(failed).isEmpty();
        assertThat(toFail).as("the publish JVM with --timeout PT5S").isLessThan(Duration.ofSeconds(30));
        FaultTable.record("Kafka broker stopped before publish (--timeout PT5S)",
                "publish exit 1: " + result[0].lastErrorLine().replace('|', '/'), toFail);

        try (ChildProcesses.Started restarted = startBroker(port)) {
            Properties rerun = publish("2026-11-26T18:20:00+09:00", port, result);
            assertThat(result[0].exitCode()).as(result[0].stderr()).isZero();
            assertThat(rerun).as("the rerun is the topic's second record: the failed publish appended nothing")
                    .containsEntry("offset", "1").containsEntry("key", "2026-11-26T18:20:00+09:00");
        }
    }
}
