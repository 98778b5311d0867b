package io.realtimetrend.analyze;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.TrendColumns;
import io.realtimetrend.contract.TrendRow;
import io.realtimetrend.contract.TrendsCsv;
import io.realtimetrend.fs.AtomicReplace;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes one window's {@code trends.csv}: its directory is replaced whole ({@link AtomicReplace#directory}), so
 * readers see the old trends or the new ones and a rerun replaces the window.
 */
public final class TrendsWriter {

    private final Configuration conf;
    private final DataLayout layout;

    public TrendsWriter(Configuration conf, DataLayout layout) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
    }

    /** Replaces the directory of {@code windowEnd} with one holding {@code rows}; returns the file written. */
    public Path write(ZonedDateTime windowEnd, List<TrendRow> rows) throws IOException {
        Path target = new Path(layout.trendsDir(windowEnd));
        AtomicReplace.directory(conf, target, (fs, dir) -> {
            try (Writer out = new OutputStreamWriter(fs.create(new Path(dir, TrendColumns.FILE_NAME), false),
                    StandardCharsets.UTF_8)) {
                TrendsCsv.write(out, rows);
            }
        });
        return new Path(target, TrendColumns.FILE_NAME);
    }
}
