package io.realtimetrend.action;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes a file so that readers see the old content or the new one, never a part: into a hidden temporary file
 * beside the target (Hive and Spark skip names starting with '.'), then renamed over the target.
 */
public final class AtomicFiles {

    /** Fills a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes UTF-8 text to {@code target}, replacing what was there. */
    public static void write(Configuration conf, Path target, Content content) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        fs.setWriteChecksum(false);
        Path parent = target.getParent();
        fs.mkdirs(parent);
        Path temporary = new Path(parent, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (Writer writer = new OutputStreamWriter(fs.create(temporary, false), StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            FileContext.getFileContext(target.toUri(), conf).rename(temporary, target, Options.Rename.OVERWRITE);
        } finally {
            if (fs.exists(temporary)) {
                fs.delete(temporary, false);
            }
        }
    }
}
