package io.realtimetrend.deploy;

import java.io.File;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Uploads the packaged app directory to its HDFS path so that a running coordinator never sees half an app:
 * the new copy is written to a sibling temporary directory, the old one is moved aside, the new one renamed into
 * place and the old one deleted. Run by {@code mvn deploy -Dhdfs.app.path=…}.
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
        FileSystem fs = target.getFileSystem(conf);
        Path qualified = fs.makeQualified(target);
        long stamp = System.currentTimeMillis();
        Path incoming = new Path(qualified.getParent(), "." + qualified.getName() + ".deploying-" + stamp);
        Path previous = new Path(qualified.getParent(), "." + qualified.getName() + ".previous-" + stamp);
        fs.mkdirs(qualified.getParent());
        try {
            if (!fs.mkdirs(incoming)) {
                throw new IOException("cannot create " + incoming);
            }
            for (File child : Objects.requireNonNull(appDir.listFiles(), "app dir unreadable")) {
                fs.copyFromLocalFile(false, true, new Path(child.toURI()), new Path(incoming, child.getName()));
            }
            boolean hadPrevious = fs.exists(qualified);
            if (hadPrevious && !fs.rename(qualified, previous)) {
                throw new IOException("cannot move the current app aside: " + qualified);
            }
            if (!fs.rename(incoming, qualified)) {
                if (hadPrevious) {
                    fs.rename(previous, qualified);
                }
                throw new IOException("cannot move the new app into place: " + qualified);
            }
            if (hadPrevious) {
                fs.delete(previous, true);
            }
            return qualified;
        } finally {
            if (fs.exists(incoming)) {
                fs.delete(incoming, true);
            }
        }
    }
}
