package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.local.ChildProcesses;
import io.realtimetrend.testing.Figures;
import io.realtimetrend.testing.ListeningSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C of {@code bin/realtime-trend local --engine yarn} while the crawl's launcher runs in a NodeManager container,
 * and at the moment YARN accepted it (before the container's JVM exists), and its {@code --timeout} while an action
 * runs on YARN: the command (which runs itself again in
 * module oozie-yarn's JVM) ends, and with it every process it started — that JVM with its mini cluster, the
 * container's launch script and launcher, HiveServer2, Kafka, the message server. A container the NodeManager was
 * launching when the signal came runs in a session of its own, beyond the command's process tree: the test looks for
 * every process that names the run's directory. While it ran, nothing of the tree listened beyond loopback.
 */
class YarnEngineStopIT {

    private static final Path ROOT = Path.of(System.getProperty("realtime.trend.root", "..")).toAbsolutePath().normalize();
    private static final Pattern CRAWL_RUNNING = Pattern.compile("^\\[2026-11-26 18:10\\] crawl +RUNNING application_\\d+_\\d+$",
            Pattern.MULTILINE);
    private static final String LAUNCHER = "org.apache.oozie.action.hadoop.LauncherAM";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** The bound on the whole stop: the command and every process of the run, in its tree or not. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    @Test
    void sigtermWhileTheCrawlRunsInItsContainerEndsTheCommandAndEveryProcessItStarted() throws Exception {
        try (Run run = Run.start("2026-11-26T09:10Z")) {
            run.awaitStdout(CRAWL_RUNNING);
            run.await("the crawl's launcher JVM in its container", () -> run.tree.commandLines().stream()
                    .anyMatch(line -> line.contains(LAUNCHER)));

            double seconds = run.sigtermAndAwaitNothingLeft();

            assertThat(run.tree.commandLines()).as("the tree held the crawl's launcher in its container")
                    .anyMatch(line -> line.contains(LAUNCHER));
            assertThat(run.tree.processes()).as("local's JVM, the services, the container's scripts and launcher")
                    .hasSizeGreaterThan(6);
            Figures.report("cluster-it", String.format("local --engine yarn: SIGTERM while the crawl ran in its "
                    + "container: all %d processes of the run ended %.1f s after it; %d listening sockets, all on loopback",
                    run.tree.processes().size(), seconds, run.tree.seen().size()));
        }
    }

    @Test
    void sigtermAsYarnAcceptsTheCrawlsLauncherLeavesNothingOfTheRun() throws Exception {
        try (Run run = Run.start("2026-11-26T09:10Z")) {
            run.awaitStdout(CRAWL_RUNNING);
            boolean launcherUp = !run.alive(LAUNCHER).isEmpty();

            double seconds = run.sigtermAndAwaitNothingLeft();

            Figures.report("cluster-it", String.format("local --engine yarn: SIGTERM as YARN accepted the crawl's "
                    + "launcher (its JVM %s): nothing of the run alive %.1f s after it",
                    launcherUp ? "already up" : "not started yet", seconds));
        }
    }

    @Test
    void timeoutWhileAnActionRunsOnYarnEndsTheCommandAndLeavesNothingOfTheRun() throws Exception {
        // two slots: more work than 60 s on any machine, the first launcher long started by then
        try (Run run = Run.start("2026-11-26T09:20Z", "--timeout", "PT60S")) {
            assertThat(run.process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("the command ended").isTrue();
            double seconds = run.awaitNothingLeft(System.nanoTime());

            assertThat(run.process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(run.work.resolve("local-yarn.err"), StandardCharsets.UTF_8))
                    .contains("local failed: the runs did not end within --timeout PT1M");
            assertThat(run.stdout()).as("actions ran on YARN").containsPattern("RUNNING application_\\d+_\\d+");
            Figures.report("cluster-it", String.format("local --engine yarn --timeout PT60S over two slots: exit 1, "
                    + "nothing of the run alive %.1f s after the command ended", seconds));
        }
    }

    /** One {@code local --engine yarn --demo} command over one slot, its tree watched, its stdout read as it grows. */
    private record Run(Process process, Path work, Path out, ListeningSockets tree) implements AutoCloseable {

        /** Runs the slots from 09:10Z to {@code to}, with {@code options}. */
        static Run start(String to, String... options) throws Exception {
            Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-it")), "stop-")
                    .toAbsolutePath();
            Path out = work.resolve("local-yarn.out");
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString(), "local",
                    "--engine", "yarn", "--demo", "--from", "2026-11-26T09:10Z", "--to", to,
                    "--data-root", work.resolve("data").toString(), "--oozie-port", "0"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(work.resolve("local-yarn.err").toFile()).start();
            return new Run(process, work, out, ListeningSockets.watch(process.toHandle()));
        }

        String stdout() throws Exception {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** Polls stdout every 50 ms until {@code pattern} matches. */
        void awaitStdout(Pattern pattern) throws Exception {
            await(pattern.pattern() + " in stdout", () -> pattern.matcher(stdout()).find());
        }

        void await(String what, Check check) throws Exception {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!check.holds()) {
                assertThat(process.isAlive()).as("running, waiting for " + what + "; stdout:\n" + stdout()).isTrue();
                assertThat(Instant.now()).as(what + " within " + START_TIMEOUT + ":\n" + stdout()).isBefore(deadline);
                Thread.sleep(50);
            }
        }

        /** The processes alive now that name this run's directory and {@code text} on their command line. */
        List<ProcessHandle> alive(String text) {
            return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .filter(line -> line.contains(work.toString()) && line.contains(text)).isPresent()).toList();
        }

        /**
         * SIGTERM (as Ctrl-C's SIGINT: the JVM's shutdown) to the command; asserts that it ends with 143 and leaves
         * nothing ({@link #awaitNothingLeft}); returns the seconds from the signal until nothing was left.
         */
        double sigtermAndAwaitNothingLeft() throws Exception {
            long signalled = System.nanoTime();
            process.destroy();
            assertThat(process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("the command ended").isTrue();
            assertThat(process.exitValue()).as("128 + SIGTERM").isEqualTo(143);
            return awaitNothingLeft(signalled);
        }

        /**
         * Asserts that within {@link #STOP_BOUND} no process of the command's tree, and none naming the run's
         * directory, is alive, and what the tree held and listened on; returns the seconds since {@code since}.
         */
        double awaitNothingLeft(long since) throws Exception {
            Instant deadline = Instant.now().plus(STOP_BOUND);
            while (!alive("").isEmpty() || tree.processes().stream().anyMatch(ProcessHandle::isAlive)) {
                assertThat(Instant.now()).as("nothing of the run alive " + STOP_BOUND + " on; still: "
                        + alive("").stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                        .isBefore(deadline);
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - since) / 1e9;
            tree.close();
            System.out.println(stdout());

            assertThat(tree.commandLines()).as("the tree held the mini cluster's JVM: local on oozie-yarn's classpath")
                    .anyMatch(line -> line.contains("-cp " + ROOT.resolve("oozie-yarn/target/oozie-yarn-")));
            assertThat(tree.processes()).isNotEmpty().noneMatch(ProcessHandle::isAlive);
            assertThat(tree.exposed()).as("listening beyond loopback").isEmpty();
            return seconds;
        }

        @Override
        public void close() throws Exception {
            tree.close();
            if (process.isAlive()) {
                ChildProcesses.destroyTree(process);
            }
            // whatever a failed assertion left: never outlive the test
            alive("").forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A condition polled until it holds. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
