package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture of a long-running service: bounded files, whole lines, the newest kept, and a tail that follows it. */
class RollingFileTest {

    @TempDir
    Path dir;

    @Test
    void aChildsOutputRollsAtWholeLinesKeepingTheNewestFilesAndTheTailFollowsTheRoll() throws Exception {
        Path out = dir.resolve("service.out");
        LogTail tail = new LogTail(out);
        Process child = new ProcessBuilder("bash", "-c", "for i in $(seq 1 3000); do echo \"line $i of the service\"; "
                + "if (( i % 100 == 0 )); then sleep 0.2; fi; done").start();
        Thread pump = RollingFile.pump(child.getInputStream(), out, 10_000, 2);
        List<String> followed = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() || pump.isAlive()) {
            assertThat(System.nanoTime()).as("the child (about 6 s) and the pump end within 60 s").isLessThan(deadline);
            followed.addAll(tail.newLines());
            Thread.sleep(100);
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        followed.addAll(tail.newLines());

        // 3000 lines of ~25 bytes = ~70 KB through files of 10 KB: the current file and two older ones are left
        assertThat(RollingFile.older(out, 3)).doesNotExist();
        List<String> kept = new ArrayList<>();
        for (Path file : List.of(RollingFile.older(out, 2), RollingFile.older(out, 1), out)) {
            assertThat(Files.size(file)).as(file.getFileName().toString()).isLessThan(10_000 + 30);
            kept.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        // whole lines, in order, ending with the last: the newest output is what is kept
        int first = Integer.parseInt(kept.get(0).split(" ")[1]);
        assertThat(kept).isEqualTo(IntStream.rangeClosed(first, 3000).mapToObj(i -> "line " + i + " of the service").toList());
        assertThat(first).isGreaterThan(1);
        // the tail, polled while the file rolled under it, saw every line once (the service pauses between bursts)
        assertThat(followed).isEqualTo(IntStream.rangeClosed(1, 3000).mapToObj(i -> "line " + i + " of the service").toList());
    }

    @Test
    void aRestartKeepsTheLastRunsOutputAsTheFirstOlderFile() throws Exception {
        Path err = dir.resolve("oozie-local.err");
        try (RollingFile first = new RollingFile(err, 1000, 3)) {
            first.write("first run\n".getBytes(StandardCharsets.UTF_8));
        }
        try (RollingFile second = new RollingFile(err, 1000, 3)) {
            second.write("second run\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(err)).isEqualTo("second run\n");
        assertThat(Files.readString(RollingFile.older(err, 1))).isEqualTo("first run\n");
    }
}
