package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.local.ChildProcess;
import io.realtimetrend.testing.Figures;
import io.realtimetrend.testing.ListeningSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C of {@code bin/realtime-trend local --engine yarn} while an action runs in a NodeManager container: the
 * command (which runs itself again in module oozie-yarn's JVM) ends, and with it every process it started — that JVM
 * with its mini cluster, the container's launch script and launcher, HiveServer2, Kafka, the message server. While
 * it ran, nothing of the tree listened beyond loopback.
 */
class YarnEngineStopIT {

    private static final Path ROOT = Path.of(System.getProperty("realtime.trend.root", "..")).toAbsolutePath().normalize();
    private static final Pattern CRAWL_RUNNING = Pattern.compile("^\\[2026-11-26 18:10\\] crawl +RUNNING application_\\d+_\\d+$",
            Pattern.MULTILINE);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void sigtermWhileAnActionRunsOnYarnEndsTheCommandAndEveryProcessItStarted() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-it")), "stop-")
                .toAbsolutePath();
        Path out = work.resolve("local-yarn.out");
        List<String> command = List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--engine", "yarn",
                "--demo", "--from", "2026-11-26T09:10Z", "--to", "2026-11-26T09:10Z",
                "--data-root", work.resolve("data").toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(work.resolve("local-yarn.err").toFile()).start();
        try (ListeningSockets tree = ListeningSockets.watch(process.toHandle())) {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!CRAWL_RUNNING.matcher(Files.readString(out, StandardCharsets.UTF_8)).find()) {
                assertThat(process.isAlive()).as("running, stdout:\n" + Files.readString(out)).isTrue();
                assertThat(Instant.now()).as("the crawl's container running within " + START_TIMEOUT + ":\n"
                        + Files.readString(out)).isBefore(deadline);
                Thread.sleep(500);
            }
            Thread.sleep(1000); // a sample of the tree with the container in it
            long stop = System.nanoTime();
            process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM's shutdown
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ended within 60 s").isTrue();
            for (ProcessHandle handle : tree.processes()) {
                handle.onExit().get(60, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - stop) / 1e9;
            tree.close();
            System.out.println(Files.readString(out, StandardCharsets.UTF_8));

            assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
            assertThat(tree.commandLines()).as("the tree held the crawl's launcher in its container")
                    .anyMatch(line -> line.contains("org.apache.oozie.action.hadoop.LauncherAM"));
            assertThat(tree.commandLines()).as("and the mini cluster's JVM")
                    .anyMatch(line -> line.contains("realtime.trend.engine.module=oozie-yarn"));
            assertThat(tree.processes()).hasSizeGreaterThan(6).noneMatch(ProcessHandle::isAlive);
            assertThat(tree.exposed()).as("listening beyond loopback").isEmpty();
            Figures.report("cluster-it", String.format("local --engine yarn: SIGTERM while the crawl ran in its "
                    + "container: all %d processes of the run ended %.1f s after it; %d listening sockets, all on loopback",
                    tree.processes().size(), seconds, tree.seen().size()));
        } finally {
            if (process.isAlive()) {
                new ChildProcess.Started(process, "").close();
            }
        }
    }
}
