package io.realtimetrend.analyze;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses to analyze a window whose last snapshot the load has not reached: when the raw snapshot of the window's
 * end slot is newer than every file of its hour's table partition (or the partition is missing), no load ran since
 * that crawl, and the trend would silently leave the snapshot out. Oozie's hive2 action can end OK without loading:
 * Beeline 3.1 exits 0 from {@code -f script} when it cannot connect. A slot without a raw snapshot (skipped, or
 * gone to retention) is not checked.
 */
final class LoadedCheck {

    private final Configuration conf;
    private final DataLayout layout;

    LoadedCheck(Configuration conf, DataLayout layout) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
    }

    /** Throws when the snapshot of {@code windowEnd}'s slot is newer than its hour's table partition. */
    void requireLoaded(ZonedDateTime windowEnd) throws IOException, NotLoadedException {
        Slot slot = Slot.of(windowEnd.toInstant(), windowEnd.getZone());
        Path snapshot = new Path(layout.snapshotFile(slot));
        FileSystem fs = snapshot.getFileSystem(conf);
        if (!fs.exists(snapshot)) {
            return;
        }
        long crawled = fs.getFileStatus(snapshot).getModificationTime();
        Path partition = new Path(layout.warehousePartition(slot));
        long loaded = fs.exists(partition) ? Arrays.stream(fs.listStatus(partition)).filter(FileStatus::isFile)
                .mapToLong(FileStatus::getModificationTime).max().orElse(Long.MIN_VALUE) : Long.MIN_VALUE;
        if (loaded < crawled) {
            throw new NotLoadedException("the snapshot " + DataLayout.display(snapshot.toString()) + " is newer than "
                    + "the table's partition " + DataLayout.display(partition.toString()) + (loaded == Long.MIN_VALUE
                    ? " (none)" : "") + ": no load ran since that crawl (a hive2 action whose Beeline could not "
                    + "connect still ends OK); run the load for " + slot.text() + ", then analyze");
        }
    }

    /** The window's last snapshot is not in the table yet. */
    static final class NotLoadedException extends Exception {

        private static final long serialVersionUID = 1L;

        NotLoadedException(String message) {
            super(message);
        }
    }
}
