package io.realtimetrend.load;

import io.realtimetrend.contract.ServiceReady;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.security.HadoopThriftAuthBridge;

/**
 * A standalone Hive metastore (Hive 4) as a service, as a cluster runs one: thrift on a port of 127.0.0.1, a Derby
 * database under {@code home} whose schema the metastore creates on first start. HiveServer2 and Spark both reach
 * it at {@code thrift://127.0.0.1:PORT}. {@code HiveMetastoreMain <home> <port>} prints {@code ready <uri>} once the
 * port is open and runs until killed.
 */
public final class HiveMetastoreMain {

    private static final Duration START = Duration.ofSeconds(120);

    private HiveMetastoreMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HiveMetastoreMain <home> <port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Configuration conf = new Configuration(false);
        settings(home, port).forEach(conf::set);
        Thread server = new Thread(() -> serve(port, conf), "hive-metastore");
        server.setDaemon(true);
        server.start();
        awaitPort(port, server);
        System.out.println(ServiceReady.line(uri(port)));
        System.out.flush();
        server.join();
        System.exit(1);
    }

    /** {@code thrift://127.0.0.1:PORT}. */
    public static String uri(int port) {
        return "thrift://127.0.0.1:" + port;
    }

    /**
     * The metastore's database: Derby under {@code home} (created there, with its schema, on first start); also what
     * HiveServer2 uses for a metastore embedded in it.
     */
    static Map<String, String> derby(Path home) {
        Objects.requireNonNull(home, "home is null");
        return Map.of(
                "javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + home.resolve("metastore_db") + ";create=true",
                "javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver",
                "derby.stream.error.file", home.resolve("derby.log").toString(),
                "datanucleus.schema.autoCreateAll", "true");
    }

    /**
     * The metastore's configuration: {@link #derby}, loopback only. Keys by their {@code hive.metastore.*} names,
     * which the metastore reads as well as its own.
     */
    static Map<String, String> settings(Path home, int port) {
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> settings = new java.util.HashMap<>(derby(home));
        settings.putAll(Map.ofEntries(
                Map.entry("hive.metastore.schema.verification", "false"),
                Map.entry("hive.metastore.thrift.bind.host", "127.0.0.1"),
                Map.entry("hive.metastore.port", String.valueOf(port)),
                Map.entry("hive.metastore.warehouse.dir", home.resolve("warehouse").toUri().toString()),
                Map.entry("hive.metastore.warehouse.external.dir", home.resolve("warehouse-external").toUri().toString()),
                Map.entry("hive.metastore.event.db.notification.api.auth", "false"),
                Map.entry("hive.metastore.housekeeping.threads.on", "false"),
                Map.entry("hive.metastore.metrics.enabled", "false")));
        return settings;
    }

    private static void serve(int port, Configuration conf) {
        try {
            HiveMetaStore.startMetaStore(port, HadoopThriftAuthBridge.getBridge(), conf);
        } catch (Throwable e) {
            System.err.println("metastore failed: " + e);
        }
    }

    private static void awaitPort(int port, Thread server) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        System.err.println("metastore failed: port " + port + " not open within " + START.toSeconds() + " s");
        System.exit(1);
    }
}
