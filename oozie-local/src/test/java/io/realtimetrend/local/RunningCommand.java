package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.ListeningSockets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code bin/realtime-trend} command running in the background, as a user leaves it running in a shell: its stdout
 * read as it grows, its process tree and listening sockets watched.
 */
final class RunningCommand {

    /** The repository's root, where {@code bin/realtime-trend} is. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    final Process process;
    final ListeningSockets tree;
    final Path out;
    final Path err;
    final Instant started = Instant.now();

    /** Starts {@code bin/realtime-trend ARGS}, its stdout and stderr in files under {@code outputDir}. */
    RunningCommand(Path outputDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString()));
        command.addAll(args);
        out = Files.createTempFile(outputDir, "command", ".out");
        err = Files.createTempFile(outputDir, "command", ".err");
        process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        tree = ListeningSockets.watch(process.toHandle());
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Waits until {@code regex} has matched {@code count} lines of stdout; returns the matches. */
    List<Matcher> await(String regex, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        while (true) {
            List<Matcher> found = new ArrayList<>();
            Matcher m = pattern.matcher(stdout());
            while (m.find()) {
                found.add(pattern.matcher(m.group()));
                found.get(found.size() - 1).matches();
            }
            if (found.size() >= count) {
                return found;
            }
            assertThat(Instant.now()).as("waiting for " + count + " × " + regex + " in\n" + stdout()).isBefore(deadline);
            assertThat(process.isAlive()).as("command running, stdout:\n" + stdout()).isTrue();
            Thread.sleep(1000);
        }
    }

    /** SIGTERM; returns how long the command took to end, all of its processes included. */
    long sigterm() throws Exception {
        long start = System.nanoTime();
        process.destroy();
        return awaitEnd(start, 60);
    }

    /** Waits for the command and every process of its tree to end; returns the milliseconds since {@code start}. */
    long awaitEnd(long start, int seconds) throws Exception {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("command ended").isTrue();
        for (ProcessHandle handle : tree.processes()) {
            handle.onExit().get(60, TimeUnit.SECONDS);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        tree.close();
        System.out.println(stdout());
        return millis;
    }
}
