package io.realtimetrend.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A one-machine Hadoop cluster: MiniDFSCluster (one DataNode) and MiniYARNCluster (one NodeManager), configured
 * as a cluster running Oozie must be: the JVM's user may impersonate (Oozie submits as the workflow's user), one
 * capacity-scheduler queue, and containers that see only the node's jars ({@code nodeLib}), not this JVM's.
 */
public final class MiniHadoop implements AutoCloseable {

    private final MiniDFSCluster dfs;
    private final MiniYARNCluster yarn;
    private final Path nodeLib;

    private MiniHadoop(MiniDFSCluster dfs, MiniYARNCluster yarn, Path nodeLib) {
        this.dfs = dfs;
        this.yarn = yarn;
        this.nodeLib = nodeLib;
    }

    /** Starts both clusters with their data under {@code work}; {@code nodeLib} holds the node's own jars. */
    public static MiniHadoop start(Path work, Path nodeLib) throws IOException {
        Objects.requireNonNull(work, "work is null");
        Objects.requireNonNull(nodeLib, "nodeLib is null");
        String user = System.getProperty("user.name");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toAbsolutePath().toString());
        // Oozie's HadoopAccessorService acts for the workflow's user through a proxy of its own login user (E0803 else)
        conf.set("hadoop.proxyuser." + user + ".hosts", "*");
        conf.set("hadoop.proxyuser." + user + ".groups", "*");
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        try {
            dfs.waitActive();
            YarnConfiguration yarnConf = new YarnConfiguration(dfs.getConfiguration(0));
            // the shaded minicluster jar has no capacity-scheduler.xml: declare its one queue
            yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
            yarnConf.set("yarn.scheduler.capacity.root.default.capacity", "100");
            // the Oozie launcher is an ApplicationMaster; the default 10 % of one node would not admit it reliably
            yarnConf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
            yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
            // a JVM reserves far more virtual memory than it uses; physical memory stays checked
            yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
            yarnConf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, applicationClasspath(nodeLib));
            MiniYARNCluster yarn = new MiniYARNCluster("cluster-it", 1, 1, 1);
            yarn.init(yarnConf);
            yarn.start();
            return new MiniHadoop(dfs, yarn, nodeLib);
        } catch (RuntimeException | IOException e) {
            dfs.shutdown();
            throw e;
        }
    }

    /** {@code hdfs://127.0.0.1:PORT}. */
    public String nameNode() {
        return dfs.getURI().toString();
    }

    /** The ResourceManager's client address (a workflow's {@code jobTracker}). */
    public String resourceManager() {
        return yarn.getConfig().get(YarnConfiguration.RM_ADDRESS);
    }

    public FileSystem fileSystem() throws IOException {
        return dfs.getFileSystem();
    }

    /** The client configuration of this cluster (HDFS and YARN addresses). */
    public Configuration conf() {
        return new Configuration(yarn.getConfig());
    }

    /**
     * Writes what a cluster's client configuration directory holds ({@code core-site.xml}, {@code yarn-site.xml}):
     * the addresses and the node classpath, nothing of the test JVM. Oozie reads it as its {@code hadoop-conf}.
     */
    public void writeClientConfiguration(Path dir) throws IOException {
        Files.createDirectories(dir);
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", nameNode());
        // MiniDFS installs a test-only topology mapping that a container cannot load: the cluster default instead
        core.set("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.ScriptBasedMapping");
        write(core, dir.resolve("core-site.xml"));
        Configuration site = new Configuration(false);
        for (Map.Entry<String, String> e : yarn.getConfig()) {
            if (e.getKey().startsWith("yarn.resourcemanager.")) {
                site.set(e.getKey(), e.getValue());
            }
        }
        site.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, applicationClasspath(nodeLib));
        write(site, dir.resolve("yarn-site.xml"));
    }

    private static String applicationClasspath(Path nodeLib) {
        return nodeLib.toAbsolutePath() + "/*";
    }

    private static void write(Configuration conf, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    @Override
    public void close() {
        try {
            yarn.stop();
        } finally {
            dfs.shutdown();
        }
    }
}
