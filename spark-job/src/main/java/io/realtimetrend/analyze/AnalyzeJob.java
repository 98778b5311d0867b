package io.realtimetrend.analyze;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.StageOptions;
import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendRow;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The analyze action (Oozie spark action, {@code spark-submit --class io.realtimetrend.analyze.AnalyzeJob}, and
 * {@code bin/realtime-trend analyze}): the trend of the hour ending at the nominal time, or of every 10-minute
 * window from {@code --from} to {@code --to} in one Spark job (backfill). Prints each trends file written.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Computes the hourly trend per keyword (docs/contract.md section 3) and writes trends.csv.")
public final class AnalyzeJob implements Callable<Integer> {

    /** Where the table is read from. */
    public enum Source { files, metastore }

    /** The nominal time is the window's end. */
    @Mixin StageOptions stage;

    @Option(names = "--from", description = "Backfill: first window end (ISO-8601); needs --to.") String from;
    @Option(names = "--to", description = "Backfill: last window end (ISO-8601).") String to;
    @Option(names = "--source", defaultValue = "files", description = "files: the table's ORC files under the data root; metastore: realtime_trend.keyword_rank through the Hive metastore (default: ${DEFAULT-VALUE}).") Source source;

    /**
     * realtime_trend.keyword_rank as {@code hql/load_snapshot.hql} creates it, partition columns last. Given rather than
     * inferred: inferring reads a file's ORC schema and parses it as SQL text, which starts Spark's ANTLR parser, a
     * second of a local analyze's start-up.
     */
    static final StructType TABLE_SCHEMA = new StructType()
            .add("snapshot_time", DataTypes.TimestampType).add("crawled_at", DataTypes.TimestampType)
            .add("rank", DataTypes.IntegerType).add("keyword", DataTypes.StringType).add("state", DataTypes.StringType)
            .add("dt", DataTypes.StringType).add("hr", DataTypes.StringType);

    private static final Logger LOG = LogManager.getLogger(AnalyzeJob.class);

    public static void main(String[] args) {
        // on success the JVM ends by itself: System.exit(0) in a YARN cluster-mode driver can fail the app
        CommandLines.mainExitingOnFailure(new AnalyzeJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        Windows windows = windows();
        DataLayout layout = stage.layout();
        try (SparkSession spark = session(source == Source.metastore)) {
            for (Path written : run(spark, layout, windows, source)) {
                System.out.println(DataLayout.display(written.toString()));
            }
        }
        return 0;
    }

    /**
     * Computes every window in one job and writes the non-empty ones; fails naming any empty window, and before
     * anything is read when a snapshot the windows read has not been loaded (see {@link LoadedCheck}).
     */
    public static List<Path> run(SparkSession spark, DataLayout layout, Windows windows, Source source)
            throws Exception {
        TrendQuery query = new TrendQuery(windows);
        new LoadedCheck(spark.sparkContext().hadoopConfiguration(), layout).requireLoaded(windows);
        Path tableLocation = new Path(layout.warehouseTable());
        if (source == Source.files
                && !tableLocation.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(tableLocation)) {
            throw new EmptyWindowException("no snapshot in any window: " + layout.warehouseTable()
                    + " does not exist (has load run?)");
        }
        Dataset<Row> table = source == Source.metastore
                ? spark.table("realtime_trend.keyword_rank")
                : spark.read().schema(TABLE_SCHEMA).option("basePath", layout.warehouseTable()).orc(layout.warehouseTable());
        if (source == Source.metastore) {
            LOG.info("realtime_trend.keyword_rank: " + MetastorePartitions.describe(query.input(table)));
        }
        Map<ZonedDateTime, List<TrendRow>> byWindow = new LinkedHashMap<>();
        windows.ends().forEach(end -> byWindow.put(end, new ArrayList<>()));
        for (TrendRow row : query.collect(table)) {
            byWindow.get(row.windowEnd()).add(row);
        }
        TrendsWriter writer = new TrendsWriter(spark.sparkContext().hadoopConfiguration(), layout);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<ZonedDateTime, List<TrendRow>> window : byWindow.entrySet()) {
            if (!window.getValue().isEmpty()) {
                written.add(writer.write(window.getKey(), window.getValue()));
            }
        }
        List<String> empty = byWindow.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(e -> TimeFormats.text(e.getKey())).collect(Collectors.toList());
        if (!empty.isEmpty()) {
            throw new EmptyWindowException("no snapshot in the hour before " + String.join(", ", empty)
                    + " (read " + query.describePartitions() + " of " + layout.warehouseTable() + ")"
                    + (written.isEmpty() ? "" : "; the other " + written.size() + " windows were written"));
        }
        return written;
    }

    /**
     * A session for this job: local[*] unless a master is given, few shuffle partitions, UTC wall-clock times. A local
     * master listens on loopback only (the driver would otherwise bind to the machine's first non-loopback address).
     */
    public static SparkSession session(boolean hiveSupport) {
        SparkConf conf = new SparkConf().setAppName("realtime-trend-analyze");
        conf.setIfMissing("spark.master", "local[*]");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        SparkSession.Builder builder = SparkSession.builder().config(conf);
        return (hiveSupport ? builder.enableHiveSupport() : builder).getOrCreate();
    }

    private Windows windows() {
        if ((from == null) != (to == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--from and --to go together");
        }
        if (from != null) {
            return new Windows(slot(TimeFormats.parseInstant(from)), slot(TimeFormats.parseInstant(to)));
        }
        ZonedDateTime end = stage.slot().start();
        return new Windows(end, end);
    }

    private ZonedDateTime slot(Instant instant) {
        return Slot.of(instant, stage.zone()).start();
    }
}
