package io.realtimetrend.load;

import io.realtimetrend.contract.LoopbackPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hive.service.server.HiveServer2;

/**
 * A real HiveServer2 (Hive 4) on a loopback port with local MapReduce execution, and either an embedded Derby
 * metastore or a metastore service ({@link HiveMetastoreMain}) at a thrift URI: what `bin/realtime-trend load` and
 * the tests run the {@code hql/} files on when no cluster is named. Clients connect over JDBC exactly as to a
 * cluster's HiveServer2. One per JVM: its settings are system properties.
 */
public final class EmbeddedHiveServer implements AutoCloseable {

    private final HiveServer2 server;
    private final int port;

    private EmbeddedHiveServer(HiveServer2 server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server whose metastore, scratch and log directories live under {@code home}. */
    public static EmbeddedHiveServer start(Path home) {
        return start(home, LoopbackPort.free());
    }

    /** As {@link #start(Path)}, on {@code port} of 127.0.0.1. */
    public static EmbeddedHiveServer start(Path home, int port) {
        return start(home, port, Optional.empty());
    }

    /**
     * As {@link #start(Path)}, on {@code port} of 127.0.0.1, with the metastore service at {@code metastoreUri}
     * ({@code thrift://…}) when one is given, else an embedded Derby metastore under {@code home}.
     */
    public static EmbeddedHiveServer start(Path home, int port, Optional<String> metastoreUri) {
        Objects.requireNonNull(home, "home is null");
        Objects.requireNonNull(metastoreUri, "metastoreUri is null");
        Map<String, String> settings = settings(home.toAbsolutePath(), port, metastoreUri);
        // Hive's own threads (metastore, stats loaders) build fresh configurations from system properties; a
        // setting they do not see makes them open a second metastore and close the first one's connections.
        settings.forEach(System::setProperty);
        HiveConf conf = new HiveConf();
        settings.forEach(conf::set);
        HiveServer2 server = new HiveServer2();
        server.init(conf);
        server.start();
        EmbeddedHiveServer started = new EmbeddedHiveServer(server, port);
        started.awaitPort(Duration.ofSeconds(60));
        return started;
    }

    /**
     * The configuration of a single-machine HiveServer2 (local MapReduce, no doAs, no web UI): on the metastore at
     * {@code metastoreUri}, or else on an embedded one with {@link HiveMetastoreMain}'s Derby database under {@code home}.
     */
    static Map<String, String> settings(Path home, int port, Optional<String> metastoreUri) {
        Map<String, String> settings = new HashMap<>(metastoreUri.isPresent() ? Map.of() : HiveMetastoreMain.derby(home));
        settings.put("hive.metastore.uris", metastoreUri.orElse(""));
        settings.putAll(serverSettings(home, port));
        return settings;
    }

    private static Map<String, String> serverSettings(Path home, int port) {
        mkdirs(home);
        return Map.ofEntries(
                Map.entry("hive.metastore.schema.verification", "false"),
                Map.entry("hive.metastore.warehouse.dir", home.resolve("warehouse").toUri().toString()),
                Map.entry("hive.metastore.warehouse.external.dir", home.resolve("warehouse-external").toUri().toString()),
                Map.entry("hive.exec.scratchdir", home.resolve("scratch").toString()),
                Map.entry("hive.exec.local.scratchdir", home.resolve("local-scratch").toString()),
                Map.entry("hive.downloaded.resources.dir", home.resolve("resources").toString()),
                Map.entry("hive.querylog.location", home.resolve("querylog").toString()),
                Map.entry("hive.server2.logging.operation.log.location", home.resolve("operation-logs").toString()),
                Map.entry("hive.server2.thrift.bind.host", "127.0.0.1"),
                Map.entry("hive.server2.thrift.port", String.valueOf(port)),
                Map.entry("hive.server2.transport.mode", "binary"),
                Map.entry("hive.server2.enable.doAs", "false"),
                Map.entry("hive.server2.webui.port", "0"),
                Map.entry("hive.server2.tez.initialize.default.sessions", "false"),
                Map.entry("hive.execution.engine", "mr"),
                // MR's default CombineHiveInputFormat ignores skip.header.line.count (hourly_trend's header would be a
                // row of any query that runs a job); HiveInputFormat, Tez's default, honours it
                Map.entry("hive.input.format", "org.apache.hadoop.hive.ql.io.HiveInputFormat"),
                Map.entry("mapreduce.framework.name", "local"),
                // Hive polls a running MapReduce job this often (default 1000 ms): a local job of a load ends in
                // well under a second, so the default added up to a second to each of the load's two jobs
                Map.entry("hive.exec.counters.pull.interval", "100"),
                Map.entry("hive.support.concurrency", "false"),
                Map.entry("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager"),
                Map.entry("hive.stats.autogather", "false"),
                Map.entry("hive.stats.column.autogather", "false"),
                Map.entry("hive.query.results.cache.enabled", "false"),
                Map.entry("hive.metastore.event.db.notification.api.auth", "false"),
                Map.entry("hive.server2.materializedviews.registry.impl", "DUMMY"),
                Map.entry("hive.metastore.housekeeping.threads.on", "false"),
                Map.entry("hive.query.reexecution.stats.persist.scope", "query"),
                Map.entry("hive.session.silent", "true"),
                Map.entry("hive.mapred.mode", "nonstrict"));
    }

    /** {@code jdbc:hive2://127.0.0.1:PORT/default}. */
    public String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    @Override
    public void close() {
        server.stop();
    }

    private void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket ignored = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while HiveServer2 starts", e);
                }
            }
        }
        server.stop();
        throw new IllegalStateException("HiveServer2 did not open port " + port + " within " + timeout.toSeconds() + " s");
    }


    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
