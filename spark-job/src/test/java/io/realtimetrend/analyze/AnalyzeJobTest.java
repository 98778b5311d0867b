package io.realtimetrend.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TrendRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import scala.collection.JavaConverters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analyze job on Spark local mode against an independent plain-Java computation of the same snapshots. */
class AnalyzeJobTest {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final LocalDateTime FROM = LocalDateTime.of(2026, 11, 26, 16, 0);

    @TempDir
    static Path root;

    private static SparkSession spark;
    private static DataLayout layout;
    private static List<SnapshotRow> history;

    @BeforeAll
    static void writeHistory() {
        spark = AnalyzeJob.session(false);
        layout = DataLayout.of(root.resolve("data").toString());
        // 16:00 .. 01:50 next day, every slot, except 18:20 and 18:40 (an outage), plus a keyword listed twice.
        history = new ArrayList<>(SparkTables.history(FROM, FROM.plusHours(10), 18, 7L));
        history.removeIf(r -> r.time().equals(at(18, 20)) || r.time().equals(at(18, 40)));
        history.add(new SnapshotRow(at(18, 50), 11, history.stream()
                .filter(r -> r.time().equals(at(18, 50)) && r.rank() == 2).findFirst().orElseThrow().keyword()));
        SparkTables.writeOrc(spark, history, layout.warehouseTable());
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static LocalDateTime at(int hour, int minute) {
        return FROM.withHour(hour).withMinute(minute);
    }

    private static ZonedDateTime kst(LocalDateTime time) {
        return time.atZone(KST);
    }

    private static List<TrendRow> compute(LocalDateTime end) {
        return new TrendQuery(new Windows(kst(end), kst(end))).collect(table());
    }

    private static Dataset<Row> table() {
        return spark.read().option("basePath", layout.warehouseTable()).orc(layout.warehouseTable());
    }

    @ParameterizedTest(name = "window ending {0}")
    @ValueSource(strings = {"2026-11-26T17:50", "2026-11-26T18:10", "2026-11-26T19:00", "2026-11-27T00:20",
            "2026-11-27T00:00", "2026-11-26T18:50"})
    void figuresEqualAnIndependentComputation(String end) {
        LocalDateTime windowEnd = LocalDateTime.parse(end);

        List<String> expected = TrendModel.expected(history, windowEnd);

        assertThat(expected).isNotEmpty();
        assertThat(TrendModel.actual(compute(windowEnd))).isEqualTo(expected);
    }

    @Test
    void missingSnapshotsShrinkTheDenominator() {
        List<TrendRow> rows = compute(at(19, 0));

        assertThat(rows).extracting(TrendRow::snapshots).containsOnly(4L);
        assertThat(rows.get(0).appearanceRatio()).isEqualByComparingTo("100.0");
        assertThat(rows).extracting(r -> r.appearanceRatio().toPlainString()).contains("25.0", "75.0");
    }

    @Test
    void aKeywordListedTwiceInOneSnapshotCountsOnceWithItsBestRank() {
        String twice = history.stream().filter(r -> r.time().equals(at(18, 50)) && r.rank() == 11)
                .findFirst().orElseThrow().keyword();

        TrendRow row = compute(at(18, 50)).stream().filter(r -> r.keyword().equals(twice)).findFirst().orElseThrow();

        assertThat(row.latestRank()).isEqualTo(2);
        assertThat(row.appearances()).isLessThanOrEqualTo(row.snapshots());
    }

    @Test
    void tiesAreOrderedByAverageRankThenKeyword() {
        List<TrendRow> rows = compute(at(21, 0));

        for (int i = 1; i < rows.size(); i++) {
            TrendRow a = rows.get(i - 1);
            TrendRow b = rows.get(i);
            int byRatio = b.appearanceRatio().compareTo(a.appearanceRatio());
            int byAvg = a.avgRank().compareTo(b.avgRank());
            assertThat(byRatio < 0 || (byRatio == 0 && (byAvg < 0 || (byAvg == 0 && a.keyword().compareTo(b.keyword()) < 0))))
                    .as("%s before %s", a, b).isTrue();
            assertThat(b.position()).isEqualTo(a.position() + 1);
        }
    }

    @Test
    void onlyThePartitionsCoveringTheWindowAreRead() {
        TrendQuery query = new TrendQuery(new Windows(kst(at(18, 10)), kst(at(18, 10))));
        Dataset<Row> input = query.input(table());

        input.collect();

        SparkPlan plan = input.queryExecution().executedPlan();
        assertThat(plan.toString()).contains("PartitionFilters: [", "dt#", "hr#");
        FileSourceScanExec scan = (FileSourceScanExec) JavaConverters.seqAsJavaList(plan.collectLeaves()).stream()
                .filter(FileSourceScanExec.class::isInstance).findFirst().orElseThrow();
        assertThat(scan.metrics().apply("numPartitions").value()).isEqualTo(2L);
        assertThat(Arrays.stream(scan.selectedPartitions()).map(p -> p.values().getString(0) + "/" + p.values().getString(1)))
                .containsExactlyInAnyOrder("2026-11-26/17", "2026-11-26/18");
    }

    @Test
    void backfillInOneJobEqualsSingleWindowRuns() {
        Windows range = new Windows(kst(at(17, 0)), kst(FROM.plusHours(9).plusMinutes(50)));

        List<TrendRow> backfill = new TrendQuery(range).collect(table());

        for (ZonedDateTime end : range.ends()) {
            List<TrendRow> single = compute(end.toLocalDateTime());
            assertThat(backfill.stream().filter(r -> r.windowEnd().equals(end)).toList())
                    .as("window %s", end).isEqualTo(single).isNotEmpty();
        }
    }

    @Test
    void runWritesContractCsvAndARerunReplacesIt() throws Exception {
        Windows one = new Windows(kst(at(18, 10)), kst(at(18, 10)));

        AnalyzeJob.run(spark, layout, one, AnalyzeJob.Source.files);
        List<org.apache.hadoop.fs.Path> again = AnalyzeJob.run(spark, layout, one, AnalyzeJob.Source.files);

        Path dir = Path.of(java.net.URI.create(layout.trendsDir(kst(at(18, 10)))));
        assertThat(again).singleElement().asString().endsWith("/trends/window_end=202611261810/trends.csv");
        try (Stream<Path> files = Files.list(dir.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("window_end=202611261810");
        }
        List<String> lines = Files.readAllLines(dir.resolve("trends.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0))
                .isEqualTo("window_end,position,keyword,appearances,snapshots,appearance_ratio,avg_rank,best_rank,latest_rank");
        assertThat(lines).hasSize(compute(at(18, 10)).size() + 1);
        assertThat(lines.get(1)).startsWith("2026-11-26 18:10:00,1,");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(",\"검색어 0, 쉼표\","));
    }

    @Test
    void windowWithoutAnySnapshotIsAnErrorAndWritesNothing() {
        LocalDateTime end = LocalDateTime.of(2026, 11, 20, 12, 0);
        Windows empty = new Windows(kst(end), kst(end));

        assertThatThrownBy(() -> AnalyzeJob.run(spark, layout, empty, AnalyzeJob.Source.files))
                .isInstanceOf(EmptyWindowException.class)
                .hasMessageStartingWith("no snapshot in the hour before 2026-11-20 12:00:00 (read dt=2026-11-20/hr=[11, 12]");
        assertThat(Path.of(java.net.URI.create(layout.trendsDir(kst(end))))).doesNotExist();
    }

    @Test
    void aWindowWhoseLastSnapshotWasNotLoadedIsRefusedAndWritesNothing() throws Exception {
        LocalDateTime end = at(19, 30);
        Slot slot = Slot.of(kst(end).toInstant(), KST);
        Path partition = Path.of(java.net.URI.create(layout.warehousePartition(slot)));
        Path snapshot = Path.of(java.net.URI.create(layout.snapshotFile(slot)));
        Files.createDirectories(snapshot.getParent());
        Files.writeString(snapshot, "snapshot_time,crawled_at,rank,keyword,state\n");
        Windows one = new Windows(kst(end), kst(end));
        try {
            // the crawl wrote the slot's snapshot after the hour's partition was last loaded: the load did not run
            Files.setLastModifiedTime(snapshot, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
            assertThatThrownBy(() -> AnalyzeJob.run(spark, layout, one, AnalyzeJob.Source.files))
                    .isInstanceOf(LoadedCheck.NotLoadedException.class)
                    .hasMessageContaining("/raw/dt=2026-11-26/hr=19/202611261930.csv is newer than the table's partition")
                    .hasMessageContaining("run the load for 2026-11-26 19:30:00, then analyze");
            assertThat(Path.of(java.net.URI.create(layout.trendsDir(kst(end))))).doesNotExist();

            // once the partition is newer than the snapshot (a load ran), the same window is computed
            Files.setLastModifiedTime(snapshot, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
            try (Stream<Path> files = Files.list(partition)) {
                assertThat(files.count()).isPositive();
            }
            assertThat(AnalyzeJob.run(spark, layout, one, AnalyzeJob.Source.files)).singleElement();
        } finally {
            Files.delete(snapshot);
            Path written = Path.of(java.net.URI.create(layout.trendsDir(kst(end))));
            if (Files.exists(written)) {
                try (Stream<Path> files = Files.walk(written)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
