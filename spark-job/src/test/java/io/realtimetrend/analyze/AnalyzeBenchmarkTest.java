package io.realtimetrend.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.testing.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (printed figures, not timed assertions) on synthetic history of 30 days × 144 snapshots × 10 ranks:
 * one window on 30 days ÷ one window on 1 day (target ≤ 1.2), a day's backfill of 144 windows in one job
 * (target ≤ 60 s on 2 cores), and the JVM's peak RSS (target ≤ 1.5 GiB).
 */
class AnalyzeBenchmarkTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final LocalDateTime START = LocalDateTime.of(2026, 10, 27, 0, 0);

    @TempDir
    Path root;

    @Test
    void costDoesNotGrowWithHistoryAndADayBackfillsInOneJob() throws Exception {
        try (SparkSession spark = AnalyzeJob.session(false)) {
            DataLayout month = DataLayout.of(root.resolve("month").toString());
            DataLayout day = DataLayout.of(root.resolve("day").toString());
            LocalDateTime lastDay = START.plusDays(29);
            SparkTables.writeOrc(spark, SparkTables.history(START, START.plusDays(30), 40, 11L), month.warehouseTable());
            SparkTables.writeOrc(spark, SparkTables.history(lastDay, lastDay.plusDays(1), 40, 11L), day.warehouseTable());
            ZonedDateTime end = lastDay.plusHours(15).atZone(KST);
            Windows one = new Windows(end, end);

            run(spark, day, one);
            run(spark, month, one);
            long dayMillis = median(spark, day, one);
            long monthMillis = median(spark, month, one);

            Windows wholeDay = new Windows(lastDay.plusMinutes(10).atZone(KST), lastDay.plusDays(1).atZone(KST));
            long start = System.nanoTime();
            List<org.apache.hadoop.fs.Path> written = AnalyzeJob.run(spark, month, wholeDay, AnalyzeJob.Source.files);
            long backfillMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(written).hasSize(144);
            Figures.report("analyze", String.format("one window: %d ms on 30 days of history / %d ms on 1 day = %.2f "
                    + "(target ≤ 1.2)", monthMillis, dayMillis, (double) monthMillis / dayMillis));
            Figures.report("analyze", "backfill of one day, 144 windows in one job: " + backfillMillis
                    + " ms (target ≤ 60000 ms on 2 cores)");
            Figures.report("analyze", "peak RSS of the test JVM (data generation included): " + peakRssMiB()
                    + " MiB (target ≤ 1536 MiB)");
        }
    }

    private static void run(SparkSession spark, DataLayout layout, Windows windows) throws Exception {
        assertThat(AnalyzeJob.run(spark, layout, windows, AnalyzeJob.Source.files)).hasSize(1);
    }

    private static long median(SparkSession spark, DataLayout layout, Windows windows) throws Exception {
        long[] millis = new long[5];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            run(spark, layout, windows);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private static long peakRssMiB() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
    }
}
