package io.realtimetrend.analyze;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Test data: snapshots generated from a seed and written as the table's partitioned ORC files. */
final class SparkTables {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final StructType RAW = new StructType()
            .add("snapshot_time", DataTypes.StringType).add("rank", DataTypes.IntegerType)
            .add("keyword", DataTypes.StringType);

    private SparkTables() {
    }

    /** One snapshot every 10 minutes in [from, to), each ranking 10 of {@code pool} keywords, shuffled by {@code seed}. */
    static List<SnapshotRow> history(LocalDateTime from, LocalDateTime to, int pool, long seed) {
        Random random = new Random(seed);
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            keywords.add("검색어 " + i + (i % 7 == 0 ? ", 쉼표" : ""));
        }
        List<SnapshotRow> rows = new ArrayList<>();
        for (LocalDateTime t = from; t.isBefore(to); t = t.plusMinutes(10)) {
            java.util.Collections.shuffle(keywords, random);
            for (int rank = 1; rank <= 10; rank++) {
                rows.add(new SnapshotRow(t, rank, keywords.get(rank - 1 + random.nextInt(2) * (rank % 3))));
            }
        }
        return rows;
    }

    /** Writes {@code rows} as realtime_trend.keyword_rank's files: ORC partitioned by dt and hr. */
    static void writeOrc(SparkSession spark, List<SnapshotRow> rows, String tableLocation) {
        List<Row> data = rows.stream()
                .map(r -> RowFactory.create(TEXT.format(r.time()), r.rank(), r.keyword())).toList();
        Dataset<Row> raw = spark.createDataFrame(data, RAW);
        raw.selectExpr("CAST(snapshot_time AS TIMESTAMP) AS snapshot_time",
                        "CAST(snapshot_time AS TIMESTAMP) + INTERVAL 3 SECONDS AS crawled_at",
                        "rank", "keyword", "'up' AS state",
                        "substr(snapshot_time, 1, 10) AS dt", "substr(snapshot_time, 12, 2) AS hr")
                .write().mode(SaveMode.Append).partitionBy("dt", "hr").orc(tableLocation);
    }
}
