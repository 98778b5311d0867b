package io.realtimetrend.local;

import java.util.Objects;

/**
 * An engine as an {@link Engine} started it: the Oozie server a local run submits its bundle to, with the Hadoop
 * its actions run on (the local filesystem for {@link ChildJvmEngine}; a mini cluster for {@code oozie-yarn}'s
 * {@code YarnEngine}).
 *
 * @param oozie      the Oozie services
 * @param hadoop     where this engine's jobs find Hadoop and the packaged app
 * @param summary    one line on what was started and how long it took
 * @param underneath what the engine runs on, stopped after Oozie (a mini cluster; nothing for the local engine)
 * @param usage      what a workflow held of the cluster, for its progress line ({@link ClusterUsage#NONE} locally)
 */
public record RunningEngine(OozieServer oozie, Hadoop hadoop, String summary, AutoCloseable underneath,
                            ClusterUsage usage) implements AutoCloseable {

    public RunningEngine {
        Objects.requireNonNull(oozie, "oozie is null");
        Objects.requireNonNull(hadoop, "hadoop is null");
        Objects.requireNonNull(summary, "summary is null");
        Objects.requireNonNull(underneath, "underneath is null");
        Objects.requireNonNull(usage, "usage is null");
    }

    /** Stops Oozie (waiting at most as long as {@link OozieServer} does), then what it ran on. */
    @Override
    public void close() throws Exception {
        try {
            oozie.close();
        } finally {
            underneath.close();
        }
    }

    /**
     * The job.properties values that point a job at an engine's Hadoop and at the app.
     *
     * @param nameNode   {@code nameNode}: the default filesystem
     * @param jobTracker {@code jobTracker}: the ResourceManager's address
     * @param appPath    {@code appPath}: the app directory as the engine's Oozie reads it
     * @param hiveMetastoreJars {@code sparkHiveMetastoreJars}: where the engine's Spark finds the Hive metastore
     *                   client it reads the table with ({@code analyzeSource=metastore}, as shipped)
     */
    public record Hadoop(String nameNode, String jobTracker, String appPath, String hiveMetastoreJars) {

        public Hadoop {
            Objects.requireNonNull(nameNode, "nameNode is null");
            Objects.requireNonNull(jobTracker, "jobTracker is null");
            Objects.requireNonNull(appPath, "appPath is null");
            if (Objects.requireNonNull(hiveMetastoreJars, "hiveMetastoreJars is null").isBlank()) {
                // Spark would fail only at the first analyze, after a crawl and a load
                throw new IllegalArgumentException("hiveMetastoreJars is blank");
            }
        }

    }
}
