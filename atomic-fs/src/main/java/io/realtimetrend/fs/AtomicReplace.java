package io.realtimetrend.fs;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Replaces a file or a directory on any Hadoop filesystem (HDFS, the local one) so that readers see a complete old
 * or new version, never a part. The new version is written beside the target under a hidden name (Hive, Spark and
 * Oozie skip names starting with '.'), then renamed into place; a failure leaves the old version as it was and
 * nothing beside it. A file is replaced in one atomic rename. A directory is swapped by two renames (old aside, new
 * into place): between them, for the time of one rename, the target does not exist; the old version is deleted
 * only once the new one is in place. See docs/stages.md, "What the filesystems guarantee".
 */
public final class AtomicReplace {

    /** Writes the new file's content. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Writer writer) throws IOException;
    }

    /** Fills the new directory, which exists and is empty. */
    @FunctionalInterface
    public interface DirectoryContent {
        void fill(FileSystem fs, Path directory) throws IOException;
    }

    private AtomicReplace() {
    }

    /** Replaces {@code target} with a file of UTF-8 text, creating its parent when missing. */
    public static void file(Configuration conf, Path target, FileContent content) throws IOException {
        Objects.requireNonNull(content, "content is null");
        FileSystem fs = fileSystem(conf, target);
        Path qualified = fs.makeQualified(target);
        fs.mkdirs(qualified.getParent());
        Path temporary = hiddenSibling(qualified, "tmp");
        try {
            try (Writer writer = new OutputStreamWriter(fs.create(temporary, false), StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            FileContext.getFileContext(qualified.toUri(), conf).rename(temporary, qualified, Options.Rename.OVERWRITE);
        } finally {
            deleteIfExists(fs, temporary);
        }
    }

    /** Replaces the directory {@code target} with one {@code content} fills; returns the qualified target. */
    public static Path directory(Configuration conf, Path target, DirectoryContent content) throws IOException {
        Objects.requireNonNull(content, "content is null");
        FileSystem fs = fileSystem(conf, target);
        Path qualified = fs.makeQualified(target);
        Path incoming = hiddenSibling(qualified, "tmp");
        Path previous = hiddenSibling(qualified, "old");
        FileContext files = FileContext.getFileContext(qualified.toUri(), conf);
        try {
            if (!fs.mkdirs(incoming)) {
                throw new IOException("cannot create " + incoming);
            }
            content.fill(fs, incoming);
            boolean replacing = fs.exists(qualified);
            if (replacing) {
                files.rename(qualified, previous);
            }
            try {
                files.rename(incoming, qualified);
            } catch (IOException e) {
                if (replacing) {
                    files.rename(previous, qualified);
                }
                throw e;
            }
            if (replacing) {
                fs.delete(previous, true);
            }
            return qualified;
        } finally {
            deleteIfExists(fs, incoming);
        }
    }

    private static FileSystem fileSystem(Configuration conf, Path target) throws IOException {
        Objects.requireNonNull(conf, "conf is null");
        Objects.requireNonNull(target, "target is null");
        FileSystem fs = target.getFileSystem(conf);
        fs.setWriteChecksum(false);
        return fs;
    }

    private static Path hiddenSibling(Path target, String kind) {
        return new Path(target.getParent(), "." + target.getName() + "." + kind + "-" + UUID.randomUUID());
    }

    private static void deleteIfExists(FileSystem fs, Path path) throws IOException {
        if (fs.exists(path)) {
            fs.delete(path, true);
        }
    }
}
