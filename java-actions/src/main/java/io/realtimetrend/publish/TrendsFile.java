package io.realtimetrend.publish;

import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendColumns;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads and checks a window's {@code trends.csv} from any Hadoop filesystem. */
public final class TrendsFile {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private TrendsFile() {
    }

    /** The rows in file order, or why the file is not the trend of {@code windowEnd}. */
    public static List<TrendRow> read(Configuration conf, Path file, ZonedDateTime windowEnd)
            throws IOException, MalformedTrendsException {
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new MalformedTrendsException("no trends for window " + TimeFormats.text(windowEnd) + ": " + file
                    + " does not exist (has analyze run for this nominal time?)");
        }
        try (Reader in = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8);
             CSVParser csv = FORMAT.parse(in)) {
            if (!csv.getHeaderNames().equals(TrendColumns.HEADER)) {
                throw new MalformedTrendsException(file + ": header " + csv.getHeaderNames() + " is not " + TrendColumns.HEADER);
            }
            String expectedEnd = TimeFormats.text(windowEnd);
            List<TrendRow> rows = new ArrayList<>();
            for (CSVRecord record : csv) {
                rows.add(parse(file, record, expectedEnd));
            }
            if (rows.isEmpty()) {
                throw new MalformedTrendsException(file + ": no rows");
            }
            return List.copyOf(rows);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new MalformedTrendsException(file + ": not CSV: " + e.getMessage());
        }
    }

    private static TrendRow parse(Path file, CSVRecord record, String expectedEnd) throws MalformedTrendsException {
        String where = file + " line " + (record.getRecordNumber() + 1);
        if (!record.isConsistent()) {
            throw new MalformedTrendsException(where + ": " + record.size() + " fields, expected " + TrendColumns.HEADER.size());
        }
        if (!expectedEnd.equals(record.get(TrendColumns.WINDOW_END))) {
            throw new MalformedTrendsException(where + ": window_end " + record.get(TrendColumns.WINDOW_END)
                    + " is not " + expectedEnd);
        }
        try {
            String latest = record.get(TrendColumns.LATEST_RANK);
            return new TrendRow(Integer.parseInt(record.get(TrendColumns.POSITION)),
                    record.get(TrendColumns.KEYWORD),
                    Integer.parseInt(record.get(TrendColumns.APPEARANCES)),
                    Integer.parseInt(record.get(TrendColumns.SNAPSHOTS)),
                    new BigDecimal(record.get(TrendColumns.APPEARANCE_RATIO)),
                    new BigDecimal(record.get(TrendColumns.AVG_RANK)),
                    Integer.parseInt(record.get(TrendColumns.BEST_RANK)),
                    latest.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(latest)));
        } catch (NumberFormatException e) {
            throw new MalformedTrendsException(where + ": not a number: " + e.getMessage());
        }
    }
}
