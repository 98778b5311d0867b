package io.realtimetrend.deploy;

import io.realtimetrend.fs.AtomicReplace;
import java.io.File;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Uploads the packaged app directory to its HDFS path so that a running coordinator never sees half an app
 * ({@link AtomicReplace#directory}: uploaded beside it, then swapped in). Run by {@code mvn deploy -Dhdfs.app.path=…}.
 */
public final class AppDeployer {

    private final Configuration conf;

    public AppDeployer(Configuration conf) {
        this.conf = Objects.requireNonNull(conf, "conf is null");
    }

    /** {@code AppDeployer <local app dir> <Hadoop URI of the app path>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || args[1].isBlank() || args[1].contains("${")) {
            throw new IllegalArgumentException(
                    "usage: mvn deploy -Dhdfs.app.path=hdfs://NAMENODE:8020/apps/realtime-trend (any Hadoop URI)");
        }
        Path deployed = new AppDeployer(new Configuration()).deploy(new File(args[0]), new Path(args[1]));
        System.out.println("deployed " + args[0] + " to " + deployed);
    }

    /** Replaces {@code target} with a copy of {@code appDir}; returns the qualified target. */
    public Path deploy(File appDir, Path target) throws IOException {
        if (!new File(appDir, "workflow.xml").isFile()) {
            throw new IOException("not a packaged app directory (no workflow.xml): " + appDir + " — run mvn package first");
        }
        File[] children = Objects.requireNonNull(appDir.listFiles(), "app dir unreadable");
        return AtomicReplace.directory(conf, target, (fs, dir) -> {
            for (File child : children) {
                fs.copyFromLocalFile(false, true, new Path(child.toURI()), new Path(dir, child.getName()));
            }
        });
    }
}
