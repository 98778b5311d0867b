package io.realtimetrend.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.local.LocalOozie;

/**
 * The real Oozie 5.2.1 server in this JVM (LocalOozie): in-memory HSQLDB, the local filesystem as Hadoop (or the
 * Hadoop configuration it is given), and materialization intervals short enough for a laptop. One per JVM (Oozie's
 * services are static).
 */
public final class LocalOozieEngine implements AutoCloseable {

    /** How long {@link #close} waits for Oozie's services to stop. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(5);

    private LocalOozieEngine() {
    }

    /** Starts Oozie with its home (configuration, logs) under {@code home}; {@code site} adds oozie-site settings. */
    public static LocalOozieEngine start(Path home, Map<String, String> site) throws Exception {
        return start(home, site, Map.of("core-site.xml", Map.of("fs.defaultFS", "file:///")));
    }

    /**
     * As {@link #start(Path, Map)} on a cluster: {@code hadoopConf} holds the files of Oozie's
     * {@code conf/hadoop-conf} (file name → properties: the cluster's {@code core-site.xml} and {@code yarn-site.xml},
     * and {@code default.xml}, which every action's configuration starts from).
     */
    public static LocalOozieEngine start(Path home, Map<String, String> site, Map<String, Map<String, String>> hadoopConf)
            throws Exception {
        Objects.requireNonNull(home, "home is null");
        Objects.requireNonNull(site, "site is null");
        Path conf = Files.createDirectories(home.toAbsolutePath().resolve("conf"));
        Path hadoopConfDir = Files.createDirectories(conf.resolve("hadoop-conf"));
        Path logs = Files.createDirectories(home.toAbsolutePath().resolve("logs"));
        for (Map.Entry<String, Map<String, String>> file : hadoopConf.entrySet()) {
            HadoopConfigurationFile.write(hadoopConfDir.resolve(file.getKey()), file.getValue());
        }
        Map<String, String> settings = new LinkedHashMap<>(defaults(home.toAbsolutePath()));
        settings.putAll(site);
        HadoopConfigurationFile.write(conf.resolve("oozie-site.xml"), settings);
        System.setProperty("oozie.home.dir", home.toAbsolutePath().toString());
        System.setProperty("oozie.config.dir", conf.toString());
        System.setProperty("oozie.data.dir", Files.createDirectories(home.toAbsolutePath().resolve("data")).toString());
        System.setProperty("oozie.log.dir", logs.toString());
        System.setProperty("oozielocal.log", logs.resolve("oozie-local.log").toString());
        // LocalOozie prints "Running embedded servlet container at: http://…" on System.out: send it where Oozie's
        // other output goes (System.err, which local mode routes to the run's log), not among the run's results.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            LocalOozie.start();
        } finally {
            System.setOut(stdout);
        }
        return new LocalOozieEngine();
    }

    /**
     * The settings of a single-machine Oozie: {@code oozie-site.properties} beside this class, an in-memory database of
     * its own and the sharelib under {@code home}.
     */
    static Map<String, String> defaults(Path home) throws IOException {
        Properties packaged = new Properties();
        try (InputStream in = LocalOozieEngine.class.getResourceAsStream("oozie-site.properties")) {
            packaged.load(new InputStreamReader(Objects.requireNonNull(in, "oozie-site.properties is not packaged"),
                    StandardCharsets.UTF_8));
        }
        Map<String, String> site = new TreeMap<>();
        packaged.stringPropertyNames().forEach(key -> site.put(key, packaged.getProperty(key)));
        site.put("oozie.service.JPAService.jdbc.url", "jdbc:hsqldb:mem:oozie-" + UUID.randomUUID());
        site.put("oozie.service.WorkflowAppService.system.libpath", home.resolve("sharelib").toUri().toString());
        return site;
    }

    public OozieClient workflows() {
        return LocalOozie.getClient();
    }

    public OozieClient coordinators() {
        return LocalOozie.getCoordClient();
    }

    /**
     * Stops Oozie, waiting at most {@link #STOP_WAIT}: its services wait up to 30 s for their queues, and its state is
     * in memory, so a stop still under way is left to the JVM's exit (Ctrl-C/SIGTERM end a live run within 30 s).
     */
    @Override
    public void close() throws InterruptedException {
        Thread stop = new Thread(LocalOozie::stop, "oozie-stop");
        stop.setDaemon(true);
        stop.start();
        stop.join(STOP_WAIT.toMillis());
    }
}
