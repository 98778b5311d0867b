package io.realtimetrend.analyze;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.metrics.source.HiveCatalogMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The partitions a read of {@code realtime_trend.keyword_rank} through the metastore gets: Spark sends the windows'
 * {@code dt}/{@code hr} filter to the metastore ({@code get_partitions_by_filter}), which returns only the matching
 * partitions; no directory of the table is listed to find them. For the job's log, so a run shows what it read.
 */
final class MetastorePartitions {

    private MetastorePartitions() {
    }

    /** e.g. {@code 2 partitions fetched from the metastore by filter: [dt=2026-11-26/hr=18, dt=2026-11-26/hr=19]}. */
    static String describe(Dataset<Row> input) {
        Objects.requireNonNull(input, "input is null");
        long before = HiveCatalogMetrics.METRIC_PARTITIONS_FETCHED().getCount();
        String[] files = input.inputFiles();
        long fetched = HiveCatalogMetrics.METRIC_PARTITIONS_FETCHED().getCount() - before;
        String read = Arrays.stream(files).map(file -> new Path(file).getParent())
                .map(hour -> hour.getParent().getName() + "/" + hour.getName()).distinct().sorted()
                .collect(Collectors.joining(", ", "[", "]"));
        return fetched + " partitions fetched from the metastore by filter, files read in " + read;
    }
}
