package io.realtimetrend.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.local.LocalOozie;

/**
 * Oozie 5.2.1 (LocalOozie: the server's services, in-memory HSQLDB) pointed at a {@link MiniHadoop} with the
 * stock action executors of {@code oozie-default.xml}: a java action goes to YARN through Oozie's
 * {@code JavaActionExecutor} and {@code LauncherAM}, as on a cluster. Nothing here replaces an executor.
 * One per JVM (Oozie's services are static).
 */
public final class ClusterOozie implements AutoCloseable {

    private ClusterOozie() {
    }

    /**
     * Starts Oozie with its home under {@code home}; {@code systemLibPath} is the sharelib root on the cluster and
     * {@code launcherJvmOptions} the options every launcher JVM gets (a cluster's admin options, e.g. JDK 17 opens).
     */
    public static ClusterOozie start(Path home, MiniHadoop cluster, String systemLibPath, String launcherJvmOptions)
            throws Exception {
        Objects.requireNonNull(cluster, "cluster is null");
        Objects.requireNonNull(systemLibPath, "systemLibPath is null");
        Objects.requireNonNull(launcherJvmOptions, "launcherJvmOptions is null");
        Path root = home.toAbsolutePath();
        Path conf = Files.createDirectories(root.resolve("conf"));
        Path logs = Files.createDirectories(root.resolve("logs"));
        cluster.writeClientConfiguration(conf.resolve("hadoop-conf"));
        // every action's configuration starts from hadoop-conf/default.xml; the launcher AM's JVM takes its admin
        // options from there (in *-site.xml they are not read)
        writeConfiguration(conf.resolve("hadoop-conf").resolve("default.xml"),
                Map.of("yarn.app.mapreduce.am.admin-command-opts", launcherJvmOptions));
        writeConfiguration(conf.resolve("oozie-site.xml"), site(systemLibPath));
        System.setProperty("oozie.home.dir", root.toString());
        System.setProperty("oozie.config.dir", conf.toString());
        System.setProperty("oozie.data.dir", Files.createDirectories(root.resolve("data")).toString());
        System.setProperty("oozie.log.dir", logs.toString());
        System.setProperty("oozielocal.log", logs.resolve("oozie-local.log").toString());
        // LocalOozie prints its servlet container's address on System.out; keep the test's output for results
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            LocalOozie.start();
        } finally {
            System.setOut(stdout);
        }
        return new ClusterOozie();
    }

    private static Map<String, String> site(String systemLibPath) {
        Map<String, String> site = new LinkedHashMap<>();
        site.put("oozie.service.JPAService.create.db.schema", "true");
        site.put("oozie.service.JPAService.jdbc.driver", "org.hsqldb.jdbcDriver");
        site.put("oozie.service.JPAService.jdbc.url", "jdbc:hsqldb:mem:oozie-" + UUID.randomUUID());
        site.put("oozie.service.JPAService.jdbc.username", "sa");
        site.put("oozie.service.JPAService.jdbc.password", "");
        // the cluster's client configuration, as an Oozie server is installed with it
        site.put("oozie.service.HadoopAccessorService.hadoop.configurations", "*=hadoop-conf");
        site.put("oozie.service.HadoopAccessorService.action.configurations", "*=hadoop-conf");
        site.put("oozie.service.WorkflowAppService.system.libpath", systemLibPath);
        site.put("oozie.service.AuthorizationService.security.enabled", "false");
        site.put("oozie.processing.timezone", "UTC");
        // the launcher calls back when it ends; should a callback be lost, poll YARN every 5 s instead of 10 min
        site.put("oozie.service.ActionCheckerService.action.check.interval", "5");
        site.put("oozie.service.ActionCheckerService.action.check.delay", "5");
        return site;
    }

    public OozieClient workflows() {
        return LocalOozie.getClient();
    }

    @Override
    public void close() {
        LocalOozie.stop();
    }

    private static void writeConfiguration(Path file, Map<String, String> properties) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                out.write("  <property><name>" + xml(p.getKey()) + "</name><value>" + xml(p.getValue())
                        + "</value></property>\n");
            }
            out.write("</configuration>\n");
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
