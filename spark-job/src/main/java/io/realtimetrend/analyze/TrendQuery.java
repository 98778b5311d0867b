package io.realtimetrend.analyze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TrendColumns;
import io.realtimetrend.contract.TrendRow;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The trend computation, one Spark job for any number of windows: reads only the partitions covering them, then
 * per window and keyword: appearances, the snapshots present, appearance ratio (half-up, 1 decimal), average rank
 * (half-up, 2 decimals), best rank, rank in the window's newest snapshot and position.
 */
public final class TrendQuery {

    private static final long SLOT_SECONDS = Slot.MINUTES * 60L;
    private static final long WINDOW_SECONDS = TrendColumns.WINDOW_MINUTES * 60L;
    // Typed columns and functions only, no SQL text: parsing any (expr, cast("long")) starts Spark's ANTLR parser,
    // a second of a local analyze's start-up
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType WHOLE = DataTypes.createDecimalType(20, 0);

    private final Windows windows;

    public TrendQuery(Windows windows) {
        this.windows = Objects.requireNonNull(windows, "windows is null");
    }

    /** {@code table} restricted to the partitions and snapshots the windows need (pruned before any file is read). */
    public Dataset<Row> input(Dataset<Row> table) {
        return table.where(partitionFilter())
                .where(col("snapshot_time").cast(LONG).gt(Windows.epoch(windows.readFrom()))
                        .and(col("snapshot_time").cast(LONG).leq(Windows.epoch(windows.last()))));
    }

    /** Every window's trend rows, ordered by window end and position. */
    public Dataset<Row> trends(Dataset<Row> table) {
        long first = Windows.epoch(windows.first());
        long last = Windows.epoch(windows.last());
        // A keyword listed twice in one snapshot counts once, with its best rank.
        Dataset<Row> snapshots = input(table)
                .select(col("snapshot_time").cast(LONG).as("ts"), col("keyword"), col("rank"))
                .groupBy("ts", "keyword").agg(min("rank").as("rank"));
        // Each snapshot belongs to the windows ending in [ts, ts + 60 min): the aligned ends from ceil(ts).
        Column firstEnd = ceil(col("ts").divide(SLOT_SECONDS)).cast(LONG).multiply(SLOT_SECONDS);
        Dataset<Row> windowed = snapshots
                .withColumn("k", explode(sequence(lit(0), lit(TrendColumns.EXPECTED_SNAPSHOTS - 1))))
                .withColumn("window_end", firstEnd.plus(col("k").multiply(SLOT_SECONDS)))
                .where(col("window_end").lt(col("ts").plus(WINDOW_SECONDS))
                        .and(col("window_end").between(first, last)))
                .drop("k");

        // One pass over the rows: the window's snapshot count and newest snapshot beside each row, then per keyword.
        WindowSpec wholeWindow = Window.partitionBy("window_end");
        Dataset<Row> perKeyword = windowed
                .withColumn("snapshots", size(collect_set("ts").over(wholeWindow)).cast(LONG))
                .withColumn("latest_ts", max("ts").over(wholeWindow))
                .groupBy("window_end", "keyword")
                .agg(count(lit(1)).as("appearances"), sum("rank").as("rank_sum"), min("rank").as("best_rank"),
                        functions.first("snapshots").as("snapshots"),
                        max(when(col("ts").equalTo(col("latest_ts")), col("rank"))).as("latest_rank"));

        Dataset<Row> figures = perKeyword
                .withColumn("appearance_ratio", round(col("appearances").cast(WHOLE).multiply(100)
                        .divide(col("snapshots").cast(WHOLE)), 1).cast(DataTypes.createDecimalType(4, 1)))
                .withColumn("avg_rank", round(col("rank_sum").cast(WHOLE).divide(col("appearances").cast(WHOLE)), 2)
                        .cast(DataTypes.createDecimalType(8, 2)));
        return figures
                .withColumn("position", row_number().over(Window.partitionBy("window_end")
                        .orderBy(col("appearance_ratio").desc(), col("avg_rank").asc(), col("keyword").asc())))
                .select(TrendColumns.HEADER.stream().map(functions::col).toArray(Column[]::new))
                .orderBy(TrendColumns.WINDOW_END, TrendColumns.POSITION);
    }

    /** Collects {@link #trends} to the driver (a few thousand rows at most) as typed rows, read by column name. */
    public List<TrendRow> collect(Dataset<Row> table) {
        List<TrendRow> rows = new ArrayList<>();
        ZonedDateTime like = windows.first();
        for (Row row : trends(table).collectAsList()) {
            rows.add(new TrendRow(Windows.wallClock(row.<Long>getAs(TrendColumns.WINDOW_END), like),
                    row.<Integer>getAs(TrendColumns.POSITION), row.getAs(TrendColumns.KEYWORD),
                    row.<Long>getAs(TrendColumns.APPEARANCES), row.<Long>getAs(TrendColumns.SNAPSHOTS),
                    row.getAs(TrendColumns.APPEARANCE_RATIO), row.getAs(TrendColumns.AVG_RANK),
                    row.<Integer>getAs(TrendColumns.BEST_RANK), row.<Integer>getAs(TrendColumns.LATEST_RANK)));
        }
        return rows;
    }

    private Column partitionFilter() {
        Column filter = lit(false);
        for (Map.Entry<String, Set<String>> day : windows.partitions().entrySet()) {
            filter = filter.or(col("dt").equalTo(day.getKey()).and(col("hr").isin(day.getValue().toArray())));
        }
        return filter;
    }

    /** For messages: the partitions read, e.g. {@code dt=2026-11-26/hr=[17, 18]}. */
    public String describePartitions() {
        return windows.partitions().entrySet().stream()
                .map(e -> "dt=" + e.getKey() + "/hr=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
