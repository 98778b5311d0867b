package io.realtimetrend.yarn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.service.CompositeService;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.containermanager.ContainerManager;
import org.apache.hadoop.yarn.server.nodemanager.containermanager.launcher.AbstractContainersLauncher;

/**
 * A one-machine Hadoop cluster: MiniDFSCluster (one DataNode) and MiniYARNCluster (one NodeManager), configured
 * as a cluster running Oozie must be: the JVM's user may impersonate (Oozie submits as the workflow's user), one
 * capacity-scheduler queue, and containers that see only the node's jars ({@code nodeLib}), not this JVM's.
 * Its stop, by {@link #close} or when the JVM ends (SIGTERM, Ctrl-C), ends every container process the NodeManager
 * started or was starting ({@link ContainerProcesses}): they run in sessions of their own, beyond this JVM.
 */
public final class MiniHadoop implements AutoCloseable {

    /**
     * How long an HDFS client first waits before asking again whether the file it closed is complete (the NameNode
     * says so once the DataNode has reported the last block, a few milliseconds later here): 400 ms by default, slept
     * once per file. 20 ms took the sharelibs' upload (165 files, 190 MB) from 37 s to 4 s.
     */
    private static final Map<String, String> CLIENT = Map.of(
            "dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");

    /** The memory the one NodeManager offers to containers. */
    private static final int NODE_MEMORY_MB = 8192;

    /** Bound on ending the container processes once launching stopped (each gets 10 s from SIGTERM to SIGKILL). */
    private static final Duration CONTAINERS_END = Duration.ofSeconds(20);

    private final MiniDFSCluster dfs;
    private final MiniYARNCluster yarn;
    private final Path nodeLib;
    private final ContainerProcesses containers;
    private final Thread stopOnExit = new Thread(this::endContainersOnExit, "mini-hadoop-containers-end");

    private MiniHadoop(MiniDFSCluster dfs, MiniYARNCluster yarn, Path nodeLib, ContainerProcesses containers) {
        this.dfs = dfs;
        this.yarn = yarn;
        this.nodeLib = nodeLib;
        this.containers = containers;
    }

    /**
     * Starts both clusters with their data (HDFS blocks, NodeManager directories and container logs) under
     * {@code work}; {@code nodeLib} holds the node's own jars.
     */
    public static MiniHadoop start(Path work, Path nodeLib) throws IOException {
        Objects.requireNonNull(work, "work is null");
        Objects.requireNonNull(nodeLib, "nodeLib is null");
        String user = System.getProperty("user.name");
        // MiniYARNCluster puts its NodeManager's directories (container logs included) under this property's
        // directory, by default target/test/data in the working directory
        Path nodeManagerRoot = work.resolve("yarn").toAbsolutePath();
        System.setProperty("test.build.data", nodeManagerRoot.toString());
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toAbsolutePath().toString());
        CLIENT.forEach(conf::set);
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
            // what the node offers (MiniYARNCluster's own default is 4096 MB): a slot on Spark in yarn/cluster mode
            // holds three containers at once, the launcher (2048 MB, Oozie's default), the driver and an executor
            // (1 GB + 384 MB overhead each); allocated, not used: the physical use of each stays checked
            yarnConf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", NODE_MEMORY_MB);
            // a JVM reserves far more virtual memory than it uses; physical memory stays checked
            yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
            yarnConf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, applicationClasspath(nodeLib));
            // containers start $JAVA_HOME/bin/java: this JVM's Java, as a node's yarn-env.sh names one
            yarnConf.set(YarnConfiguration.NM_ADMIN_USER_ENV, YarnConfiguration.DEFAULT_NM_ADMIN_USER_ENV
                    + ",JAVA_HOME=" + System.getProperty("java.home"));
            MiniYARNCluster yarn = new MiniYARNCluster("realtime-trend", 1, 1, 1);
            yarn.init(yarnConf);
            yarn.start();
            MiniHadoop hadoop = new MiniHadoop(dfs, yarn, nodeLib, new ContainerProcesses(nodeManagerRoot));
            Runtime.getRuntime().addShutdownHook(hadoop.stopOnExit);
            return hadoop;
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
     * What a cluster's client configuration directory holds, file name → properties ({@code core-site.xml},
     * {@code yarn-site.xml}): the addresses and the node classpath, nothing of this JVM. Oozie reads it as its
     * {@code hadoop-conf}.
     */
    public Map<String, Map<String, String>> clientConfiguration() {
        Map<String, String> core = new TreeMap<>();
        core.put("fs.defaultFS", nameNode());
        // MiniDFS installs a test-only topology mapping that a container cannot load: the cluster default instead
        core.put("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.ScriptBasedMapping");
        // Oozie's and the launchers' HDFS clients write a few files per action
        core.putAll(CLIENT);
        Map<String, String> site = new TreeMap<>();
        for (Map.Entry<String, String> e : yarn.getConfig()) {
            if (e.getKey().startsWith("yarn.resourcemanager.")) {
                site.put(e.getKey(), yarn.getConfig().get(e.getKey()));
            }
        }
        site.put(YarnConfiguration.YARN_APPLICATION_CLASSPATH, applicationClasspath(nodeLib));
        return Map.of("core-site.xml", core, "yarn-site.xml", site);
    }

    /** Where the NodeManager keeps its containers' logs ({@code <application>/<container>/stdout, stderr, syslog}). */
    public String containerLogs() {
        return yarn.getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOG_DIRS);
    }

    private static String applicationClasspath(Path nodeLib) {
        return nodeLib.toAbsolutePath() + "/*";
    }

    /**
     * Stops YARN (the NodeManager ends the containers it knows and stops its launcher), ends every container process
     * that stop left, and stops HDFS.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: it ends the containers, and the JVM's end the rest
        }
        try {
            yarn.stop();
            endContainers();
        } finally {
            dfs.shutdown();
        }
    }

    /**
     * At the JVM's end: stops the NodeManager's launching of containers (its {@code ContainersLauncher}, whose
     * launching threads are interrupted), then ends every container process. The rest of the cluster lives in this
     * JVM and ends with it; YARN's whole stop would wait 10 s for its log handler's scheduled deletions, past the
     * grace the JVM gets from the command that started it.
     */
    private void endContainersOnExit() {
        ContainerManager manager = yarn.getNodeManager(0).getNMContext().getContainerManager();
        ((CompositeService) manager).getServices().stream().filter(AbstractContainersLauncher.class::isInstance)
                .forEach(Service::stop);
        endContainers();
    }

    private void endContainers() {
        try {
            containers.endAll(CONTAINERS_END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
