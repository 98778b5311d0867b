package io.realtimetrend.crawl;

import io.realtimetrend.action.AtomicFiles;
import io.realtimetrend.contract.SnapshotColumns;
import io.realtimetrend.contract.TimeFormats;
import java.io.IOException;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes a snapshot as the contract's CSV, atomically, on any Hadoop filesystem; replaces the slot's old file. */
public final class SnapshotWriter {

    /** RFC 4180 with the contract's header; fields are quoted only when they hold a comma, quote or line break. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(SnapshotColumns.HEADER.toArray(String[]::new))
            .get();

    private final Configuration conf;

    public SnapshotWriter(Configuration conf) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
    }

    /** Writes {@code snapshot} to {@code target}; on failure nothing is left at {@code target} or beside it. */
    public void write(Snapshot snapshot, Path target) throws IOException {
        String snapshotTime = snapshot.slot().text();
        String crawledAt = TimeFormats.text(snapshot.crawledAt());
        AtomicFiles.write(conf, target, writer -> {
            try (CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
                for (RankedKeyword row : snapshot.ranking()) {
                    csv.printRecord(snapshotTime, crawledAt, row.rank(), row.keyword(), row.state().csv());
                }
            }
        });
    }
}
