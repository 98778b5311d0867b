package io.realtimetrend.contract;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The codec of {@code trends.csv} (docs/contract.md section 3): RFC 4180 with the header {@link TrendColumns#HEADER}.
 * A keyword that a spreadsheet would take for a formula (it begins with {@code = + - @}, after any {@code '}s) is
 * written with one {@code '} in front, which spreadsheets show as text, and read back without it.
 * Needs commons-csv, which this module declares optional: a module using the codec brings its own (1.10 or later),
 * so Hive's and Spark's classpaths keep the version their commons-io can run.
 */
public final class TrendsCsv {

    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder()
            .setHeader(TrendColumns.HEADER.toArray(String[]::new)).build();
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();

    /** A keyword a spreadsheet would evaluate, behind any apostrophes already written in front of it. */
    private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@]");

    private TrendsCsv() {
    }

    /** The keyword as its cell holds it: behind one more {@code '} when a spreadsheet would evaluate it. */
    static String keywordCell(String keyword) {
        return FORMULA.matcher(keyword).lookingAt() ? "'" + keyword : keyword;
    }

    /** The inverse of {@link #keywordCell}. */
    static String keywordOf(String cell) {
        return cell.startsWith("'") && FORMULA.matcher(cell).lookingAt() ? cell.substring(1) : cell;
    }

    /** Writes the header, then {@code rows} in order; {@code out} stays open. */
    public static void write(Writer out, List<TrendRow> rows) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, WRITE);
        for (TrendRow row : rows) {
            csv.printRecord(TimeFormats.text(row.windowEnd()), row.position(), keywordCell(row.keyword()), row.appearances(),
                    row.snapshots(), row.appearanceRatio().toPlainString(), row.avgRank().toPlainString(),
                    row.bestRank(), row.latestRank() == null ? "" : row.latestRank());
        }
        csv.flush();
    }

    /**
     * The rows of the trends of {@code windowEnd}, in file order, or why {@code in} is not that.
     *
     * @param source names the file in messages
     */
    public static List<TrendRow> read(Reader in, String source, ZonedDateTime windowEnd)
            throws IOException, MalformedTrendsException {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(windowEnd, "windowEnd is null");
        try (CSVParser csv = READ.parse(in)) {
            if (!csv.getHeaderNames().equals(TrendColumns.HEADER)) {
                throw new MalformedTrendsException(source + ": header " + csv.getHeaderNames() + " is not "
                        + TrendColumns.HEADER);
            }
            List<TrendRow> rows = new ArrayList<>();
            for (CSVRecord record : csv) {
                rows.add(parse(record, source + " line " + (record.getRecordNumber() + 1), windowEnd));
            }
            if (rows.isEmpty()) {
                throw new MalformedTrendsException(source + ": no rows");
            }
            return List.copyOf(rows);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MalformedTrendsException(source + ": not CSV: " + e.getMessage());
        }
    }

    private static TrendRow parse(CSVRecord record, String where, ZonedDateTime windowEnd)
            throws MalformedTrendsException {
        if (!record.isConsistent()) {
            throw new MalformedTrendsException(where + ": " + record.size() + " fields, expected "
                    + TrendColumns.HEADER.size());
        }
        String expectedEnd = TimeFormats.text(windowEnd);
        if (!expectedEnd.equals(record.get(TrendColumns.WINDOW_END))) {
            throw new MalformedTrendsException(where + ": window_end " + record.get(TrendColumns.WINDOW_END)
                    + " is not " + expectedEnd);
        }
        try {
            String latest = record.get(TrendColumns.LATEST_RANK);
            return new TrendRow(windowEnd, Integer.parseInt(record.get(TrendColumns.POSITION)),
                    keywordOf(record.get(TrendColumns.KEYWORD)),
                    Integer.parseInt(record.get(TrendColumns.APPEARANCES)),
                    Integer.parseInt(record.get(TrendColumns.SNAPSHOTS)),
                    new BigDecimal(record.get(TrendColumns.APPEARANCE_RATIO)),
                    new BigDecimal(record.get(TrendColumns.AVG_RANK)),
                    Integer.parseInt(record.get(TrendColumns.BEST_RANK)),
                    latest.isEmpty() ? null : Integer.valueOf(latest));
        } catch (NumberFormatException e) {
            throw new MalformedTrendsException(where + ": not a number: " + e.getMessage());
        }
    }
}
