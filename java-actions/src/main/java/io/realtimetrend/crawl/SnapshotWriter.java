package io.realtimetrend.crawl;

import io.realtimetrend.fs.AtomicReplace;
import io.realtimetrend.contract.SnapshotColumns;
import io.realtimetrend.contract.TimeFormats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes a snapshot as the contract's CSV, atomically, on any Hadoop filesystem, and finds a slot's existing one. */
public final class SnapshotWriter {

    /** RFC 4180 with the contract's header; fields are quoted only when they hold a comma, quote or line break. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(SnapshotColumns.HEADER.toArray(String[]::new))
            .build();

    private static final CSVFormat READ_FORMAT = FORMAT.builder().setSkipHeaderRecord(true).build();

    private final Configuration conf;

    public SnapshotWriter(Configuration conf) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
    }

    /** Writes {@code snapshot} to {@code target}; on failure nothing is left at {@code target} or beside it. */
    public void write(Snapshot snapshot, Path target) throws IOException {
        String snapshotTime = snapshot.slot().text();
        String crawledAt = TimeFormats.text(snapshot.crawledAt());
        AtomicReplace.file(conf, target, writer -> {
            try (CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
                for (RankedKeyword row : snapshot.ranking()) {
                    csv.printRecord(snapshotTime, crawledAt, row.rank(), row.keyword(), row.state().csv());
                }
            }
        });
    }

    /**
     * The number of data rows of the snapshot at {@code target} (parsed as CSV: a quoted keyword may hold a line
     * break), or empty when there is none.
     */
    public OptionalLong rowsOf(Path target) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        try (Reader in = new InputStreamReader(fs.open(target), StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(in, READ_FORMAT)) {
            return OptionalLong.of(csv.stream().count());
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        }
    }
}
