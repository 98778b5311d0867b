package io.realtimetrend.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.SnapshotColumns;
import io.realtimetrend.contract.TrendRow;
import io.realtimetrend.load.HqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The very hql/load_snapshot.hql that Hive runs, on Spark SQL with Hive support (Spark's Hive 2.3 metastore on
 * Derby): same rows as the raw CSVs, and the analyze job reading the table through the metastore.
 */
class LoadHqlOnSparkSqlTest {

    private static final List<String> HARD = List.of("손흥민", "삼성전자, 주가", "\"따옴표\" 검색어", "Tom & Jerry <극장판>",
            "이모지 🎉 축제", "back\\slash \\n", "아주 긴 검색어 " + "가나다라마바사 ".repeat(20) + "끝", "날씨", "a,b,\"c\"", "한국어 검색어");

    @TempDir
    static Path root;

    private static SparkSession spark;
    private static DataLayout layout;

    @BeforeAll
    static void startSparkWithHive() {
        System.setProperty("derby.system.home", root.resolve("derby").toString());
        System.setProperty("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toUri().toString());
        System.setProperty("spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + root.resolve("metastore_db") + ";create=true");
        spark = AnalyzeJob.session(true);
        layout = DataLayout.of(root.resolve("data").toString());
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static final List<SnapshotRow> written = new ArrayList<>();

    private static void writeRaw(LocalDateTime slot, List<String> keywords) throws IOException {
        for (int i = 0; i < keywords.size(); i++) {
            written.add(new SnapshotRow(slot, i + 1, keywords.get(i)));
        }
        Path dir = Files.createDirectories(Path.of(java.net.URI.create(layout.rawRoot()))
                .resolve("dt=" + slot.toLocalDate() + "/hr=" + String.format("%02d", slot.getHour())));
        String time = slot.toString().replace('T', ' ') + ":00";
        try (Writer out = Files.newBufferedWriter(dir.resolve(slot.toString().replaceAll("[-T:]", "") + ".csv"));
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                     .setHeader(SnapshotColumns.HEADER.toArray(String[]::new)).build())) {
            for (int i = 0; i < keywords.size(); i++) {
                csv.printRecord(time, time.replace(":00", ":03").substring(0, 16) + ":03", i + 1, keywords.get(i),
                        i % 2 == 0 ? "up" : "");
            }
        }
    }

    private static void load(String dt, String hr) throws IOException {
        String text;
        try (InputStream in = HqlScript.class.getResourceAsStream("/hql/load_snapshot.hql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        spark.sql("SET hivevar:dataRoot=" + layout.dataRoot());
        spark.sql("SET hivevar:dt=" + dt);
        spark.sql("SET hivevar:hr=" + hr);
        for (HqlScript.Statement statement : HqlScript.parse("hql/load_snapshot.hql", text).statements()) {
            spark.sql(statement.sql()).collect();
        }
    }

    private static List<String> tableRows(String hr) {
        List<String> rows = new ArrayList<>();
        for (Row r : spark.sql("SELECT date_format(snapshot_time, 'yyyy-MM-dd HH:mm:ss'), "
                + "date_format(crawled_at, 'yyyy-MM-dd HH:mm:ss'), `rank`, keyword, state FROM realtime_trend.keyword_rank "
                + "WHERE dt = '2026-11-26' AND hr = '" + hr + "' ORDER BY 1, 3").collectAsList()) {
            rows.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getInt(2) + "|" + r.getString(3) + "|" + r.getString(4));
        }
        return rows;
    }

    private static List<String> rawRows(String hr) throws IOException {
        List<String> rows = new ArrayList<>();
        Path dir = Path.of(java.net.URI.create(layout.rawRoot())).resolve("dt=2026-11-26/hr=" + hr);
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                try (Reader in = Files.newBufferedReader(file)) {
                    for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                        rows.add(String.join("|", r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)));
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void sameHqlOnSparkSqlGivesTheRawRowsIdempotentlyAndAnalyzeReadsThemThroughTheMetastore() throws Exception {
        LocalDateTime start = LocalDateTime.of(2026, 11, 26, 18, 0);
        for (int slot = 0; slot < 6; slot++) {
            List<String> keywords = new ArrayList<>(HARD);
            java.util.Collections.rotate(keywords, slot);
            writeRaw(start.plusMinutes(10L * slot), keywords);
            load("2026-11-26", "18");
        }
        load("2026-11-26", "18");

        assertThat(tableRows("18")).hasSize(60).isEqualTo(rawRows("18"));
        assertThat(spark.sql("DESCRIBE FORMATTED realtime_trend.keyword_rank").collectAsList().toString())
                .contains("EXTERNAL", "org.apache.hadoop.hive.ql.io.orc.OrcSerde");

        Windows window = new Windows(start.plusMinutes(50).atZone(ZoneId.of("Asia/Seoul")),
                start.plusMinutes(50).atZone(ZoneId.of("Asia/Seoul")));
        List<TrendRow> trends = new TrendQuery(window).collect(spark.table("realtime_trend.keyword_rank"));
        assertThat(TrendModel.actual(trends)).hasSize(10).isEqualTo(TrendModel.expected(written, start.plusMinutes(50)));
    }

    @Test
    void contractBreakingRawFileFailsOnSparkSqlToo() throws Exception {
        LocalDateTime slot = LocalDateTime.of(2026, 11, 26, 21, 0);
        writeRaw(slot, HARD);
        load("2026-11-26", "21");
        Path bad = Path.of(java.net.URI.create(layout.rawRoot())).resolve("dt=2026-11-26/hr=21/202611262110.csv");
        Files.writeString(bad, "snapshot_time,crawled_at,rank,keyword,state\n2026-11-26 21:10:00,2026-11-26 21:10:03,x,bad,up\n");

        assertThatThrownBy(() -> load("2026-11-26", "21")).hasMessageContaining("is not true!");
        assertThat(tableRows("21")).hasSize(10);
    }

    private static java.util.Map<String, List<String>> allHours() {
        java.util.Map<String, List<String>> hours = new java.util.TreeMap<>();
        for (String hr : List.of("18", "19", "20", "21")) {
            hours.put(hr, tableRows(hr));
        }
        return hours;
    }

    @Test
    void anHourWhoseRawFilesAreGoneKeepsItsPartitionAndTheOtherHoursOfTheDayOnSparkSqlToo() throws Exception {
        writeRaw(LocalDateTime.of(2026, 11, 26, 19, 0), HARD);
        writeRaw(LocalDateTime.of(2026, 11, 26, 20, 0), HARD);
        load("2026-11-26", "19");
        load("2026-11-26", "20");
        java.util.Map<String, List<String>> before = allHours();
        assertThat(before.get("19")).hasSize(10);

        // fault: raw retention removed the hour's snapshots
        Files.delete(Path.of(java.net.URI.create(layout.rawRoot())).resolve("dt=2026-11-26/hr=19/202611261900.csv"));
        long started = System.nanoTime();
        load("2026-11-26", "19");
        io.realtimetrend.testing.FaultTable.record("raw files of an hour deleted, load on Spark SQL",
                "partition and the day's other hours unchanged", java.time.Duration.ofNanos(System.nanoTime() - started));
        assertThat(allHours()).isEqualTo(before);

        load("2026-11-26", "20");
        assertThat(allHours()).as("loading hour 20 leaves every other hour of the day").isEqualTo(before);
    }

    @Test
    void aReadThroughTheMetastoreFetchesOnlyThePartitionsOfTheWindow() throws Exception {
        for (int hr = 18; hr <= 21; hr++) {
            writeRaw(LocalDateTime.of(2026, 11, 26, hr, 0), HARD);
            load("2026-11-26", String.valueOf(hr));
        }
        ZoneId kst = ZoneId.of("Asia/Seoul");
        java.time.ZonedDateTime end = LocalDateTime.of(2026, 11, 26, 19, 0).atZone(kst);

        String read = MetastorePartitions.describe(new TrendQuery(new Windows(end, end))
                .input(spark.table("realtime_trend.keyword_rank")));

        assertThat(spark.sql("SHOW PARTITIONS realtime_trend.keyword_rank").count()).as("the table's partitions")
                .isGreaterThanOrEqualTo(4);
        assertThat(read).isEqualTo("2 partitions fetched from the metastore by filter, files read in "
                + "[dt=2026-11-26/hr=18, dt=2026-11-26/hr=19]");
    }

    @Test
    void anHourLoadedWithoutItsLastSnapshotRefusesEveryWindowThatReadsItUntilTheHourIsLoadedAgain() throws Exception {
        LocalDateTime hour = LocalDateTime.of(2026, 11, 26, 10, 0);
        for (int slot = 0; slot < 5; slot++) {
            writeRaw(hour.plusMinutes(10L * slot), HARD);
            load("2026-11-26", "10");
        }
        // fault: the 10:50 crawl wrote its snapshot, and its load never reached Hive (HiveServer2 unreachable: the
        // hive2 action failed, or ended OK without loading); the 11:00 load rewrites hour 11 only
        writeRaw(hour.plusMinutes(50), HARD);
        writeRaw(hour.plusMinutes(60), HARD);
        load("2026-11-26", "11");
        writeRaw(hour.plusMinutes(70), HARD);
        load("2026-11-26", "11");
        ZoneId kst = ZoneId.of("Asia/Seoul");
        Windows next = new Windows(hour.plusMinutes(60).atZone(kst), hour.plusMinutes(70).atZone(kst));
        long started = System.nanoTime();

        assertThatThrownBy(() -> AnalyzeJob.run(spark, layout, next, AnalyzeJob.Source.metastore))
                .isInstanceOf(LoadedCheck.NotLoadedException.class)
                .hasMessageContaining("/raw/dt=2026-11-26/hr=10/202611261050.csv is newer than the table's partition")
                .hasMessageEndingWith("no load ran since that crawl (a hive2 action whose Beeline could not connect "
                        + "still ends OK); run the load for 2026-11-26 10:50:00, then analyze");
        io.realtimetrend.testing.FaultTable.record("the 10:50 load never reached Hive; analyze of 11:00 and 11:10",
                "both windows refused naming 10:50, nothing written", java.time.Duration.ofNanos(System.nanoTime() - started));
        for (java.time.ZonedDateTime end : next.ends()) {
            assertThat(Path.of(java.net.URI.create(layout.trendsDir(end)))).doesNotExist();
        }

        load("2026-11-26", "10");
        List<Path> written = new ArrayList<>();
        for (org.apache.hadoop.fs.Path file : AnalyzeJob.run(spark, layout, next, AnalyzeJob.Source.metastore)) {
            written.add(Path.of(file.toUri()));
        }
        assertThat(written).hasSize(2);
        for (Path trends : written) {
            try (Reader in = Files.newBufferedReader(trends)) {
                assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords())
                        .isNotEmpty().allSatisfy(row -> assertThat(row.get("snapshots")).isEqualTo("6"));
            }
        }
    }
}
