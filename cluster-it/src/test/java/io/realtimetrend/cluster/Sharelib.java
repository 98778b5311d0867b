package io.realtimetrend.cluster;

import java.io.File;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Oozie's sharelib on the cluster, laid out as {@code oozie-setup sharelib create} does:
 * {@code <root>/lib_<yyyyMMddHHmmss>/<name>/*.jar}, one directory per action type. Oozie's ShareLibService reads
 * the newest {@code lib_} directory when it starts, so this runs before Oozie does.
 */
public final class Sharelib {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Sharelib() {
    }

    /** The sharelib root of {@code user}: what {@code oozie.service.WorkflowAppService.system.libpath} names. */
    public static Path root(FileSystem fs, String user) {
        return fs.makeQualified(new Path("/user/" + user + "/share/lib"));
    }

    /** Uploads every subdirectory of {@code local} (e.g. {@code oozie/}) into a new {@code lib_<timestamp>}. */
    public static Path upload(FileSystem fs, Path root, File local) throws IOException {
        Objects.requireNonNull(local, "local is null");
        File[] libs = Objects.requireNonNull(local.listFiles(File::isDirectory), "no sharelib at " + local);
        Path dated = new Path(root, "lib_" + LocalDateTime.now().format(STAMP));
        for (File lib : libs) {
            fs.copyFromLocalFile(false, true, new Path(lib.toURI()), new Path(dated, lib.getName()));
        }
        return dated;
    }
}
