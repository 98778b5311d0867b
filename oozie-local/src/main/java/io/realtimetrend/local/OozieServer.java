package io.realtimetrend.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.LocalOozieClient;
import org.apache.oozie.LocalOozieClientCoord;
import org.apache.oozie.service.CoordinatorEngineService;
import org.apache.oozie.service.DagEngineService;
import org.apache.oozie.service.Services;

/**
 * The real Oozie 5.2.1 server in this JVM: Oozie's services as LocalOozie starts them (in-memory HSQLDB, the local
 * filesystem as Hadoop or the Hadoop configuration it is given, materialization intervals short enough for a laptop,
 * its log in {@code <home>/logs/oozie.log} as a server keeps it),
 * serving Oozie's REST API and its launchers' callbacks on 127.0.0.1 ({@link OozieRestServer}) instead of LocalOozie's
 * container, which binds to the host name's address. One per JVM (Oozie's services are static).
 */
public final class OozieServer implements AutoCloseable {

    /** How long {@link #close} waits for Oozie's services to stop. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(5);

    /** The Hadoop configuration of an engine without a cluster: the local filesystem. */
    static final Map<String, Map<String, String>> LOCAL_FILESYSTEM = Map.of("core-site.xml", Map.of("fs.defaultFS", "file:///"));

    /** The system property naming Oozie's log4j configuration, a file of its conf directory. */
    private static final String LOG4J_FILE = "oozie.log4j.file";

    /** Oozie's log4j configuration when none is set: {@code oozie-log4j.properties} beside this class. */
    private static final String LOG4J_DEFAULT = "oozie-log4j.properties";

    private final OozieRestServer http;

    private OozieServer(OozieRestServer http) {
        this.http = http;
    }

    /**
     * Starts Oozie with its home (configuration, logs) under {@code home}, serving on a free port of 127.0.0.1;
     * {@code site} adds oozie-site settings.
     */
    public static OozieServer start(Path home, Map<String, String> site) throws Exception {
        return start(home, site, LOCAL_FILESYSTEM, OozieRestServer.bind(0), List.of());
    }

    /**
     * As {@link #start(Path, Map)}, serving on {@code http} (bound, not yet serving), on a cluster: {@code hadoopConf}
     * holds the files of Oozie's {@code conf/hadoop-conf} (file name → properties: the cluster's
     * {@code core-site.xml} and {@code yarn-site.xml}, and {@code default.xml}, which every action's configuration
     * starts from); {@code hadoopAuth} as {@link OozieRestServer#start} takes it. {@code http} is closed with the
     * engine, or when the start fails.
     */
    public static OozieServer start(Path home, Map<String, String> site, Map<String, Map<String, String>> hadoopConf,
            OozieRestServer http, List<Path> hadoopAuth) throws Exception {
        Objects.requireNonNull(home, "home is null");
        Objects.requireNonNull(site, "site is null");
        Objects.requireNonNull(http, "http is null");
        try {
            Path conf = Files.createDirectories(home.toAbsolutePath().resolve("conf"));
            Path hadoopConfDir = Files.createDirectories(conf.resolve("hadoop-conf"));
            Path logs = Files.createDirectories(home.toAbsolutePath().resolve("logs"));
            for (Map.Entry<String, Map<String, String>> file : hadoopConf.entrySet()) {
                HadoopConfigurationFile.write(hadoopConfDir.resolve(file.getKey()), file.getValue());
            }
            Map<String, String> settings = new LinkedHashMap<>(defaults(home.toAbsolutePath()));
            // the server's own URL (job consoles) and where the launchers report (Oozie's CallbackService)
            settings.put("oozie.base.url", http.url());
            settings.put("oozie.service.CallbackService.base.url", http.url() + "/callback");
            settings.putAll(site);
            HadoopConfigurationFile.write(conf.resolve("oozie-site.xml"), settings);
            try (InputStream log4j = OozieServer.class.getResourceAsStream(LOG4J_DEFAULT)) {
                Files.copy(Objects.requireNonNull(log4j, LOG4J_DEFAULT + " is not packaged"), conf.resolve(LOG4J_DEFAULT),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("oozie.home.dir", home.toAbsolutePath().toString());
            System.setProperty("oozie.config.dir", conf.toString());
            System.setProperty("oozie.data.dir", Files.createDirectories(home.toAbsolutePath().resolve("data")).toString());
            System.setProperty("oozie.log.dir", logs.toString());
            startServices();
            http.start(hadoopAuth);
            return new OozieServer(http);
        } catch (Exception | Error e) {
            try {
                http.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Oozie's services, started as LocalOozie starts them, with the log4j file of the conf directory unless one is set:
     * Oozie's log in {@code oozie.log}, which {@code oozie job -log} reads.
     */
    private static void startServices() throws Exception {
        String log4j = System.getProperty(LOG4J_FILE);
        if (log4j == null) {
            System.setProperty(LOG4J_FILE, LOG4J_DEFAULT);
        }
        try {
            new Services().init();
        } finally {
            if (log4j == null) {
                System.clearProperty(LOG4J_FILE);
            }
        }
    }

    /**
     * The settings of a single-machine Oozie: {@code oozie-site.properties} beside this class, an in-memory database of
     * its own and the sharelib under {@code home}.
     */
    static Map<String, String> defaults(Path home) throws IOException {
        Properties packaged = new Properties();
        try (InputStream in = OozieServer.class.getResourceAsStream("oozie-site.properties")) {
            packaged.load(new InputStreamReader(Objects.requireNonNull(in, "oozie-site.properties is not packaged"),
                    StandardCharsets.UTF_8));
        }
        Map<String, String> site = new TreeMap<>();
        packaged.stringPropertyNames().forEach(key -> site.put(key, packaged.getProperty(key)));
        site.put("oozie.service.JPAService.jdbc.url", "jdbc:hsqldb:mem:oozie-" + UUID.randomUUID());
        site.put("oozie.service.WorkflowAppService.system.libpath", home.resolve("sharelib").toUri().toString());
        return site;
    }

    /** Oozie's URL, as the CLI's {@code -oozie} and {@code OOZIE_URL} take it. */
    public String url() {
        return http.url();
    }

    /** A client of Oozie's REST API, as a user's: what a run is submitted through. */
    public OozieClient client() {
        return new OozieClient(http.url());
    }

    /**
     * Workflows read in this JVM, as LocalOozie's client reads them: with Oozie's times to the millisecond (its REST
     * answers give whole seconds), which the progress lines and figures show.
     */
    public OozieClient workflows() {
        return new LocalOozieClient(Services.get().get(DagEngineService.class).getDagEngine(user()));
    }

    /** Coordinators read in this JVM, as {@link #workflows}. */
    public OozieClient coordinators() {
        return new LocalOozieClientCoord(Services.get().get(CoordinatorEngineService.class)
                .getCoordinatorEngine(user()));
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    /**
     * Stops Oozie, waiting at most {@link #STOP_WAIT}: its services wait up to 30 s for their queues, and its state is
     * in memory, so a stop still under way is left to the JVM's exit (Ctrl-C/SIGTERM end a live run within 30 s).
     */
    @Override
    public void close() throws InterruptedException {
        Thread stop = new Thread(() -> {
            try {
                http.close();
            } catch (Exception e) {
                System.err.println("stopping Oozie's REST server: " + e);
            }
            Services.get().destroy();
        }, "oozie-stop");
        stop.setDaemon(true);
        stop.start();
        stop.join(STOP_WAIT.toMillis());
    }
}
