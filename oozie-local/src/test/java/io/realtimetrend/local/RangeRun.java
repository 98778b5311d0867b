package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.ListeningSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/realtime-trend local --demo} over a range of slots, run to its end as a user runs it: its exit code
 * and output, and the listening sockets and processes of its tree.
 *
 * @param listening every listening socket its processes held
 * @param exposed those bound to an address other than loopback
 * @param processes every process of its tree
 * @param millis the command's wall time
 */
record RangeRun(int exitCode, String stdout, String stderr, Set<String> listening, Set<String> exposed,
                Set<ProcessHandle> processes, long millis) {

    /** The demo hour: nominal times 09:10Z..10:00Z (18:10..19:00 KST). */
    static RangeRun demoHour(Path tmp, Path dataRoot, String... extra) throws Exception {
        return of(tmp, dataRoot, "2026-11-26T09:10Z", "2026-11-26T10:00Z", extra);
    }

    /** Runs {@code --from from --to to} on {@code dataRoot}, its output in files under {@code tmp}. */
    static RangeRun of(Path tmp, Path dataRoot, String from, String to, String... extra) throws Exception {
        // any free port for Oozie's REST API: the live scenarios run beside these
        List<String> command = new ArrayList<>(List.of(RunningCommand.ROOT.resolve("bin/realtime-trend").toString(),
                "local", "--demo", "--data-root", dataRoot.toString(), "--from", from, "--to", to, "--oozie-port", "0"));
        command.addAll(List.of(extra));
        Path out = Files.createTempFile(tmp, "local", ".out");
        Path err = Files.createTempFile(tmp, "local", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        RangeRun run;
        long started = System.nanoTime();
        try (ListeningSockets sockets = ListeningSockets.watch(process.toHandle())) {
            assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("local run ends").isTrue();
            run = new RangeRun(process.exitValue(), read(out), read(err), sockets.seen(), sockets.exposed(),
                    sockets.processes(), (System.nanoTime() - started) / 1_000_000);
        }
        System.out.println(run.stdout());
        return run;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
