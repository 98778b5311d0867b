package io.realtimetrend.yarn;

import io.realtimetrend.deploy.AppDeployer;
import io.realtimetrend.local.Engine;
import io.realtimetrend.local.LocalRun;
import io.realtimetrend.local.ModuleJvm;
import io.realtimetrend.local.OozieRestServer;
import io.realtimetrend.local.OozieServer;
import io.realtimetrend.local.RunningEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code --engine yarn}: Oozie 5.2.1 (LocalOozie: the server's services, in-memory HSQLDB) pointed at a
 * {@link MiniHadoop} with the stock action executors of {@code oozie-default.xml}, so every action goes to YARN
 * through Oozie's {@code JavaActionExecutor}, {@code Hive2ActionExecutor} or {@code SparkActionExecutor} and
 * {@code LauncherAM}, as on a cluster; nothing here replaces an executor. The {@code oozie}, {@code hive2} and
 * {@code spark} sharelibs are laid out on the cluster's HDFS and the packaged app is deployed there by the project's
 * deploy code ({@link AppDeployer}, what {@code mvn deploy} runs). One per JVM (Oozie's services are static).
 */
public final class YarnEngine implements Engine {

    /** Where the app is deployed on the mini cluster's HDFS. */
    private static final String APP_PATH = "/apps/realtime-trend";

    /**
     * Oozie's settings on this cluster: the cluster's client configuration as its {@code hadoop-conf} (as an Oozie
     * server is installed with it), the sharelib on HDFS, and an ActionChecker that polls YARN every 5 s should a
     * launcher's callback be lost (10 min by default).
     */
    private static Map<String, String> site(String systemLibPath) {
        Map<String, String> site = new LinkedHashMap<>();
        site.put("oozie.service.WorkflowAppService.system.libpath", systemLibPath);
        site.put("oozie.service.ActionCheckerService.action.check.interval", "5");
        site.put("oozie.service.ActionCheckerService.action.check.delay", "5");
        return site;
    }

    @Override
    public String name() {
        return "yarn";
    }

    /**
     * Starts MiniDFS + MiniYARN under the run's {@code work/yarn-cluster}, uploads the sharelibs the build made (module
     * oozie-yarn's {@code target/}), deploys the build's app and starts Oozie with its home in the run's files.
     */
    @Override
    public RunningEngine start(LocalRun run, OozieRestServer http) throws Exception {
        Objects.requireNonNull(run, "run is null");
        Path work = run.files().work();
        ModuleJvm jvm = run.jvm();
        Path module = jvm.root().resolve("oozie-yarn");
        long start = System.nanoTime();
        MiniHadoop cluster;
        try {
            cluster = MiniHadoop.start(work.resolve("yarn-cluster"), module.resolve("target/node-lib"));
        } catch (Exception | Error e) {
            closeAfterFailure(http, e);
            throw e;
        }
        try {
            long clusterUp = System.nanoTime();
            FileSystem fs = cluster.fileSystem();
            org.apache.hadoop.fs.Path sharelib = Sharelib.root(fs, System.getProperty("user.name"));
            Sharelib.upload(fs, sharelib, List.of(module.resolve("target/sharelib/oozie").toFile(),
                    module.resolve("sharelib-hive2/target/sharelib/hive2").toFile(),
                    module.resolve("sharelib-spark/target/sharelib/spark").toFile()));
            long sharelibUp = System.nanoTime();
            String appPath = new AppDeployer(cluster.conf()).deploy(jvm.appDirectory().toFile(),
                    new org.apache.hadoop.fs.Path(cluster.nameNode() + APP_PATH)).toString();
            long deployed = System.nanoTime();
            Map<String, Map<String, String>> hadoopConf = new LinkedHashMap<>(cluster.clientConfiguration());
            // every action's configuration starts from default.xml; the launcher AM's JVM takes its admin options
            // from there (in *-site.xml they are not read): the JDK 17 opens Spark needs, as a cluster's admin sets
            hadoopConf.put("default.xml", Map.of("yarn.app.mapreduce.am.admin-command-opts",
                    String.join(" ", jvm.jdkOpens("oozie-yarn"))));
            OozieServer oozie = OozieServer.start(run.files().oozieHome(), site(sharelib.toString()), hadoopConf,
                    http, hadoopAuth(module));
            long oozieUp = System.nanoTime();
            String summary = String.format("engine yarn: MiniDFS %s + MiniYARN %s up in %.1f s, sharelib (oozie, hive2, "
                    + "spark) on HDFS in %.1f s, app deployed to %s in %.1f s, Oozie with its stock executors up in "
                    + "%.1f s; launcher logs in %s", cluster.nameNode(), cluster.resourceManager(),
                    seconds(clusterUp - start), seconds(sharelibUp - clusterUp), appPath, seconds(deployed - sharelibUp),
                    seconds(oozieUp - deployed), cluster.containerLogs());
            YarnUsage usage = new YarnUsage(cluster.conf());
            AutoCloseable underneath = () -> {
                try (cluster) {
                    usage.close();
                }
            };
            // Spark's Hive client jars on the nodes' local disk, as sparkHiveMetastoreJars asks (the containers share it)
            return new RunningEngine(oozie, new RunningEngine.Hadoop(cluster.nameNode(), cluster.resourceManager(), appPath,
                    jvm.hiveMetastoreClientJars()), summary, underneath, usage);
        } catch (Exception | Error e) {
            closeAfterFailure(http, e);
            try {
                cluster.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing); // the failed start stays the one reported
            }
            throw e;
        }
    }

    /**
     * The unshaded hadoop-auth jar Oozie's {@code AuthFilter} is built against ({@code target/oozie-auth/}, copied by
     * the build): this classpath's hadoop-auth is the shaded Hadoop client's, whose filter implements a relocated
     * servlet API (see {@link OozieRestServer#start}).
     */
    private static List<Path> hadoopAuth(Path module) throws IOException {
        try (Stream<Path> jars = Files.list(module.resolve("target/oozie-auth"))) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Closes Oozie's port after a failed start (the engine owns it); the start's failure stays the one reported. */
    private static void closeAfterFailure(OozieRestServer http, Throwable failure) {
        try {
            http.close();
        } catch (Exception closing) {
            failure.addSuppressed(closing);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
