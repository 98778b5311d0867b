package io.realtimetrend.publish;

import io.realtimetrend.contract.MalformedTrendsException;
import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendRow;
import io.realtimetrend.contract.TrendsCsv;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads and checks a window's {@code trends.csv} from any Hadoop filesystem. */
public final class TrendsFile {

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
        try (Reader in = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8)) {
            return TrendsCsv.read(in, file.toString(), windowEnd);
        }
    }
}
