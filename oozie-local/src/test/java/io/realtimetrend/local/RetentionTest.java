package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --retain}: what is older than the retention goes, by the slot in its name; the rest and the table stay. */
class RetentionTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z"); // 12:00 KST

    @TempDir
    Path root;

    private Path file(String relative) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        return file;
    }

    @Test
    void deletesSnapshotsTrendsAndLogsOlderThanTheRetentionAndKeepsTheRest() throws Exception {
        Path oldSnapshot = file("data/raw/dt=2026-11-20/hr=11/202611201150.csv");
        Path keptSnapshot = file("data/raw/dt=2026-11-20/hr=12/202611201210.csv");
        Path otherFile = file("data/raw/dt=2026-11-19/hr=00/notes.txt");
        Path oldTrends = file("data/trends/window_end=202611201150/trends.csv");
        Path keptTrends = file("data/trends/window_end=202611271200/trends.csv");
        Path table = file("data/warehouse/keyword_rank/dt=2026-11-01/hr=00/000000_0");
        Path oldLog = file("work/logs-1/crawl.log");
        Path newLog = file("work/logs-2/crawl.log");
        Files.setLastModifiedTime(oldLog, FileTime.from(NOW.minus(Duration.ofDays(8))));
        Files.setLastModifiedTime(oldLog.getParent(), FileTime.from(NOW.minus(Duration.ofDays(8))));

        int deleted = new Retention(root.resolve("data"), root.resolve("work"), Duration.ofDays(7), KST).apply(NOW);

        assertThat(oldSnapshot).doesNotExist();
        assertThat(oldSnapshot.getParent()).as("the emptied hour").doesNotExist();
        assertThat(keptSnapshot).exists();
        assertThat(otherFile).as("not a snapshot's name").exists();
        assertThat(oldTrends.getParent()).doesNotExist();
        assertThat(keptTrends).exists();
        assertThat(table).as("the table's partitions are kept").exists();
        assertThat(oldLog.getParent()).doesNotExist();
        assertThat(newLog).exists();
        assertThat(deleted).as("a file, and two directories with their file").isEqualTo(5);
    }

    @Test
    void aDataRootInsideALogsFolderKeepsItsServicesState() throws Exception {
        Path data = root.resolve("logs-2026/realtime-trend");
        Path work = data.resolve(".local/local-run");
        Path derby = file("logs-2026/realtime-trend/.local/local-run/metastore_db/seg0/c10.dat");
        Path kafka = file("logs-2026/realtime-trend/.local/local-run/kafka/recent_topics-0/00000000000000000000.log");
        Path state = file("logs-2026/realtime-trend/.local/local-run/message-server/state.json");
        Path oldLog = file("logs-2026/realtime-trend/.local/local-run/logs-1/crawl.log");
        for (Path old : new Path[] {derby, kafka, state, oldLog}) {
            Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(8))));
        }

        long started = System.nanoTime();
        new Retention(data, work, Duration.ofDays(7), KST).apply(NOW);
        io.realtimetrend.testing.FaultTable.record("--retain P7D over a data root inside a folder named logs-2026",
                "Derby, Kafka and message-server state kept, old local logs deleted", Duration.ofNanos(System.nanoTime() - started));

        assertThat(derby).exists();
        assertThat(kafka).exists();
        assertThat(state).exists();
        assertThat(oldLog).doesNotExist();
    }

    @Test
    void aRetentionShorterThanTwoHoursIsRefused() {
        assertThatThrownBy(() -> new Retention(root, root, Duration.ofMinutes(90), KST))
                .hasMessage("--retain PT1H30M is shorter than PT2H: the hour being analyzed and the hour before it are still read");
        assertThat(new Retention(root, root, Duration.ofHours(2), KST).retain()).isEqualTo(Duration.ofHours(2));
    }
}
