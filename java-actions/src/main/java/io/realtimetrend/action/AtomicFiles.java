package io.realtimetrend.action;

import io.realtimetrend.fs.AtomicReplace;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The crawl's entry to {@link AtomicReplace#file}: kept only until {@code crawl.SnapshotWriter} calls that directly
 * (its package is being changed on another branch), then deleted.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes UTF-8 text to {@code target}, replacing what was there: see {@link AtomicReplace#file}. */
    public static void write(Configuration conf, Path target, AtomicReplace.FileContent content) throws IOException {
        AtomicReplace.file(conf, target, content);
    }
}
