package io.realtimetrend.yarn;

import java.io.File;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    /** Uploads each local directory of {@code libs} (named for its action type, e.g. {@code oozie/}) into a new {@code lib_<timestamp>}. */
    public static Path upload(FileSystem fs, Path root, List<File> libs) throws IOException {
        Objects.requireNonNull(libs, "libs is null");
        Path dated = new Path(root, "lib_" + LocalDateTime.now().format(STAMP));
        for (File lib : libs) {
            if (!lib.isDirectory()) {
                throw new IOException("no sharelib at " + lib + ": run mvn -DskipTests package");
            }
            fs.copyFromLocalFile(false, true, new Path(lib.toURI()), new Path(dated, lib.getName()));
        }
        return dated;
    }
}
