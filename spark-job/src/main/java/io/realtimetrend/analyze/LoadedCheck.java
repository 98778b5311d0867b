package io.realtimetrend.analyze;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses to analyze windows that would be short of a snapshot: a raw snapshot of any slot the windows read that is
 * newer than every file of its hour's table partition (or whose partition is missing) was never loaded, since each
 * load rewrites its whole hour. That happens when a load fails, or ends OK without loading (Beeline 3.1 exits 0 from
 * {@code -f script} when it cannot connect), at hh:50: the next load writes another hour. A slot without a raw
 * snapshot (skipped, or gone to retention) is not checked.
 */
final class LoadedCheck {

    private final Configuration conf;
    private final DataLayout layout;

    LoadedCheck(Configuration conf, DataLayout layout) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
    }

    /** Throws naming every slot of {@code windows} whose snapshot is newer than its hour's table partition. */
    void requireLoaded(Windows windows) throws IOException, NotLoadedException {
        Map<Path, Long> loadedByPartition = new HashMap<>();
        Map<Path, Slot> lastMissingByPartition = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Slot slot : windows.slots()) {
            Path snapshot = new Path(layout.snapshotFile(slot));
            FileSystem fs = snapshot.getFileSystem(conf);
            if (!fs.exists(snapshot)) {
                continue;
            }
            Path partition = new Path(layout.warehousePartition(slot));
            if (!loadedByPartition.containsKey(partition)) {
                loadedByPartition.put(partition, lastLoaded(fs, partition));
            }
            long loaded = loadedByPartition.get(partition);
            if (loaded < fs.getFileStatus(snapshot).getModificationTime()) {
                missing.add(DataLayout.display(snapshot.toString()) + " is newer than the table's partition "
                        + DataLayout.display(partition.toString()) + (loaded == Long.MIN_VALUE ? " (none)" : ""));
                lastMissingByPartition.put(partition, slot);
            }
        }
        if (!missing.isEmpty()) {
            throw new NotLoadedException(String.join("; ", missing) + ": no load ran since "
                    + (missing.size() == 1 ? "that crawl" : "those crawls") + " (a hive2 action whose Beeline could "
                    + "not connect still ends OK); run the load for " + String.join(" and ",
                    lastMissingByPartition.values().stream().map(Slot::text).toList()) + ", then analyze");
        }
    }

    /** The newest file time of the partition, or {@link Long#MIN_VALUE} when it has none. */
    private static long lastLoaded(FileSystem fs, Path partition) throws IOException {
        return fs.exists(partition) ? Arrays.stream(fs.listStatus(partition)).filter(FileStatus::isFile)
                .mapToLong(FileStatus::getModificationTime).max().orElse(Long.MIN_VALUE) : Long.MIN_VALUE;
    }

    /** A snapshot the windows read is not in the table yet. */
    static final class NotLoadedException extends Exception {

        private static final long serialVersionUID = 1L;

        NotLoadedException(String message) {
            super(message);
        }
    }
}
