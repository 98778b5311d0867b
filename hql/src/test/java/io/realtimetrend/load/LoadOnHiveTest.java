package io.realtimetrend.load;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.testing.Figures;
import io.realtimetrend.testing.FaultTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hql/ files on a real Hive 4 engine: an embedded HiveServer2 reached through hive-jdbc. */
class LoadOnHiveTest {

    @TempDir
    static Path home;

    private static EmbeddedHiveServer server;
    private static Connection connection;
    private static final List<Long> loadMillis = new ArrayList<>();

    private Path dataRoot;

    @BeforeAll
    static void startHive() throws Exception {
        long start = System.nanoTime();
        server = EmbeddedHiveServer.start(home.resolve("hive"));
        connection = DriverManager.getConnection(server.jdbcUrl(), "test", "");
        Figures.report("load", "embedded HiveServer2 start " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopHive() throws Exception {
        try {
            if (!loadMillis.isEmpty()) {
                Figures.report("load", "time per load, engine up: " + loadMillis + " ms; target ≤ 5000 ms");
            }
            if (connection != null) {
                connection.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void freshDataRoot() throws Exception {
        dataRoot = Files.createTempDirectory(home, "data");
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS realtime_trend CASCADE");
        }
    }

    private void copyRaw(String name, String hour) throws IOException {
        Path dir = Files.createDirectories(dataRoot.resolve("raw/dt=2026-11-26/hr=" + hour));
        try (InputStream in = getClass().getResourceAsStream("raw/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    private void writeRaw(String hour, String name, String content) throws IOException {
        Path dir = Files.createDirectories(dataRoot.resolve("raw/dt=2026-11-26/hr=" + hour));
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> load(String hour) throws Exception {
        String script = Files.readString(Path.of("load_snapshot.hql"));
        long start = System.nanoTime();
        List<String> notes = new HqlRunner(connection, Duration.ofMinutes(5)).run(
                HqlScript.parse("hql/load_snapshot.hql", script), Map.of(
                "dataRoot", dataRoot.toUri().toString().replaceAll("/$", ""), "dt", "2026-11-26", "hr", hour));
        loadMillis.add((System.nanoTime() - start) / 1_000_000);
        return notes;
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    private static List<String> tableRows(String hour) throws SQLException {
        return query("SELECT snapshot_time, crawled_at, `rank`, keyword, state, dt, hr FROM realtime_trend.keyword_rank"
                + " WHERE dt = '2026-11-26' AND hr = '" + hour + "' ORDER BY snapshot_time, `rank`");
    }

    /** The expected rows, read from the raw CSV by an independent parser. */
    private List<String> rawRows(String hour, String... names) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String name : names) {
            try (Reader in = Files.newBufferedReader(dataRoot.resolve("raw/dt=2026-11-26/hr=" + hour + "/" + name))) {
                for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                    rows.add(String.join("|", r.get(0) + ".0", r.get(1) + ".0", r.get(2), r.get(3), r.get(4),
                            "2026-11-26", hour));
                }
            }
        }
        return rows;
    }

    private List<String> orcFiles(String hour) throws IOException {
        try (Stream<Path> files = Files.list(dataRoot.resolve("warehouse/keyword_rank/dt=2026-11-26/hr=" + hour))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .sorted().toList();
        }
    }

    @Test
    void tableIsExternalOrcPartitionedAndHoldsTheRawRowsIncludingHardKeywords() throws Exception {
        copyRaw("202611261810.csv", "18");

        load("18");

        String described = String.join("\n", query("DESCRIBE FORMATTED realtime_trend.keyword_rank"));
        assertThat(described).contains("EXTERNAL_TABLE", "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", dataRoot.toUri().toString().replaceAll("/$", "")
                        .replace("file:///", "file:/") + "/warehouse/keyword_rank");
        assertThat(query("SHOW PARTITIONS realtime_trend.keyword_rank")).containsExactly("dt=2026-11-26/hr=18");
        assertThat(tableRows("18")).isEqualTo(rawRows("18", "202611261810.csv"))
                .anySatisfy(row -> assertThat(row).contains("|\"따옴표\" 검색어|"))
                .anySatisfy(row -> assertThat(row).contains("|a,b,\"c\"|"))
                .anySatisfy(row -> assertThat(row).contains("|back\\slash \\n|"))
                .anySatisfy(row -> assertThat(row).contains("|이모지 🎉 축제||"));
        assertThat(query("SELECT typeof(snapshot_time), typeof(`rank`) FROM realtime_trend.keyword_rank LIMIT 1"))
                .containsExactly("timestamp|int");
    }

    @Test
    void theWarmUpLoadsOnItsOwnDatabaseAndLeavesNothingWhileTheTableKeepsItsRows() throws Exception {
        copyRaw("202611261810.csv", "18");
        load("18");
        List<String> before = tableRows("18");
        Path scratch = home.resolve("warm-up");

        Duration took = new HiveWarmUp(server.jdbcUrl(), scratch).run();

        assertThat(query("SHOW DATABASES")).doesNotContain(HiveWarmUp.DATABASE).contains("realtime_trend");
        assertThat(scratch).doesNotExist();
        assertThat(tableRows("18")).isEqualTo(before);
        assertThat(query("SHOW PARTITIONS realtime_trend.keyword_rank")).containsExactly("dt=2026-11-26/hr=18");
        copyRaw("202611261820.csv", "18");
        load("18");
        assertThat(tableRows("18")).isEqualTo(rawRows("18", "202611261810.csv", "202611261820.csv"));
        Figures.report("load", "local mode's HiveServer2 warm-up (the load on a scratch database): " + took.toMillis() + " ms");
    }

    @Test
    void reloadingAnHourIsIdempotentAndTheNextSlotJoinsItInOneOrcFile() throws Exception {
        copyRaw("202611261810.csv", "18");
        load("18");
        load("18");
        assertThat(tableRows("18")).hasSize(10);

        copyRaw("202611261820.csv", "18");
        load("18");

        assertThat(tableRows("18")).isEqualTo(rawRows("18", "202611261810.csv", "202611261820.csv"));
        assertThat(orcFiles("18")).hasSize(1);
    }

    @Test
    void contractBreakingRawFileFailsTheLoadAndThePartitionKeepsItsRows() throws Exception {
        copyRaw("202611261810.csv", "18");
        load("18");
        List<String> before = tableRows("18");
        String header = "snapshot_time,crawled_at,rank,keyword,state\r\n";
        String row = "2026-11-26 18:30:00,2026-11-26 18:30:02,";

        for (String bad : List.of(
                "time,crawled,rank,keyword,state\r\n" + row + "1,ok,up\r\n",
                header + row + "one,ok,up\r\n",
                header + row + "1,,up\r\n",
                header + row + "1,ok,sideways\r\n",
                header + "2026-11-26 19:30:00,2026-11-26 19:30:02,1,other hour,up\r\n")) {
            writeRaw("18", "202611261830.csv", bad);

            assertThatThrownBy(() -> load("18")).isInstanceOf(LoadException.class)
                    .hasMessageStartingWith("hql/load_snapshot.hql:")
                    .hasMessageContaining("raw snapshots of the hour break the contract");
            assertThat(tableRows("18")).as(bad).isEqualTo(before);
        }
    }

    @Test
    void anHourWhoseRawFilesAreGoneKeepsItsPartitionAndTheOtherHoursOfTheDay() throws Exception {
        copyRaw("202611261810.csv", "18");
        writeRaw("19", "202611261900.csv", Files.readString(dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"))
                .replace("2026-11-26 18:10:00", "2026-11-26 19:00:00"));
        load("18");
        load("19");
        List<String> hour18 = tableRows("18");
        List<String> hour19 = tableRows("19");
        assertThat(hour18).hasSize(10);
        assertThat(hour19).hasSize(10);

        // fault: raw retention (or a data root on the wrong disk) removed the hour's snapshots
        Files.delete(dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"));
        long started = System.nanoTime();
        List<String> notes = load("18");
        FaultTable.record("raw files of an hour deleted, load on HiveServer2", "partition and the day's other hours unchanged",
                Duration.ofNanos(System.nanoTime() - started));

        assertThat(notes).containsExactly(
                "load_note: dt=2026-11-26 hr=18: no raw snapshot for this hour; the partition is left as it was");
        assertThat(tableRows("18")).isEqualTo(hour18);
        assertThat(tableRows("19")).isEqualTo(hour19);
        assertThat(load("19")).containsExactly(
                "load_note: dt=2026-11-26 hr=19: rewriting the partition from 1 snapshot(s), 10 rows");
        assertThat(tableRows("18")).as("loading hour 19 leaves hour 18").isEqualTo(hour18);
    }

    @Test
    void theTrendsWrittenSoFarAreTheHourlyTrendTableWithQuotedKeywordsIntact() throws Exception {
        String header = "window_end,position,keyword,appearances,snapshots,appearance_ratio,avg_rank,best_rank,latest_rank";
        List<String> rows = List.of(
                "2026-11-26 18:10:00,1,\"삼성전자, 주가\",6,6,100.0,1.50,1,2",
                "2026-11-26 18:10:00,2,\"\"\"따옴표\"\" 검색어\",4,6,66.7,2.25,1,",
                "2026-11-26 18:10:00,3,back\\slash 🎉,1,6,16.7,9.00,9,");
        Path window = Files.createDirectories(dataRoot.resolve("trends/window_end=202611261810"));
        Files.writeString(window.resolve("trends.csv"), header + "\r\n" + String.join("\r\n", rows) + "\r\n",
                StandardCharsets.UTF_8);
        // a window being written (AtomicReplace's hidden directory) is not a partition
        Files.createDirectories(dataRoot.resolve("trends/.window_end=202611261820.tmp-1"));
        copyRaw("202611261810.csv", "18");

        load("18");

        assertThat(query("SHOW PARTITIONS realtime_trend.hourly_trend")).containsExactly("window_end=202611261810");
        List<String> expected = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(window.resolve("trends.csv"))) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                expected.add(String.join("|", r.toList()) + "|202611261810");
            }
        }
        assertThat(query("SELECT window_end_time, position, keyword, appearances, snapshots, appearance_ratio, avg_rank,"
                + " best_rank, latest_rank, window_end FROM realtime_trend.hourly_trend WHERE window_end = '202611261810'"
                + " ORDER BY CAST(position AS INT)")).as("the rows of the window's trends.csv").isEqualTo(expected)
                .anySatisfy(row -> assertThat(row).contains("|\"따옴표\" 검색어|"));
    }
}
