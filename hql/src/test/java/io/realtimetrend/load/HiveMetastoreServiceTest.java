package io.realtimetrend.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.testing.ListeningSockets;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metastore as a service of its own ({@link HiveMetastoreMain}), as on a cluster: HiveServer2 keeps the load's
 * tables and partitions in it, a thrift client sees them, nothing listens beyond loopback, and what it holds
 * survives a restart of both.
 */
class HiveMetastoreServiceTest {

    @TempDir
    Path home;

    @Test
    void hiveServerKeepsTheLoadsTablesInTheMetastoreServiceWhichKeepsThemAcrossRestarts() throws Exception {
        int metastorePort = LoopbackPort.free();
        int hivePort = LoopbackPort.free();
        copyRaw("202611261810.csv");
        try (ServiceJvm metastore = metastore(metastorePort);
             ListeningSockets sockets = ListeningSockets.watch(metastore.process().toHandle());
             ServiceJvm hive = hiveServer(hivePort, metastore.address())) {
            assertThat(metastore.address()).isEqualTo("thrift://127.0.0.1:" + metastorePort);

            assertThat(load(hive.address())).isEmpty();

            try (HiveMetaStoreClient client = client(metastore.address())) {
                Table table = client.getTable("realtime_trend", "keyword_rank");
                assertThat(table.getTableType()).isEqualTo("EXTERNAL_TABLE");
                assertThat(table.getSd().getLocation()).endsWith("/data/warehouse/keyword_rank");
                assertThat(client.listPartitionNames("realtime_trend", "keyword_rank", (short) -1))
                        .containsExactly("dt=2026-11-26/hr=18");
                assertThat(client.getTable("realtime_trend", "hourly_trend").getTableType()).isEqualTo("EXTERNAL_TABLE");
            }
            assertThat(sockets.seen()).as("the metastore's listening sockets").isNotEmpty();
            assertThat(sockets.exposed()).as("listening beyond loopback").isEmpty();
        }
        assertThat(home.resolve("metastore/metastore_db")).as("the service's database").isDirectory();
        assertThat(home.resolve("hive/metastore_db")).as("HiveServer2 has no metastore of its own").doesNotExist();

        // both killed (SIGKILL) and started again on the same directories: the table and its partition are still there
        try (ServiceJvm metastore = metastore(metastorePort);
             ServiceJvm hive = hiveServer(hivePort, metastore.address())) {
            assertThat(rows(hive.address())).isEqualTo(10);
        }
    }

    private ServiceJvm metastore(int port) throws Exception {
        return ServiceJvm.start(home, HiveMetastoreMain.class, home.resolve("metastore").toString(), String.valueOf(port));
    }

    private ServiceJvm hiveServer(int port, String metastoreUri) throws Exception {
        return ServiceJvm.start(home, HiveServerMain.class, home.resolve("hive").toString(), String.valueOf(port),
                "--metastore-uri", metastoreUri);
    }

    private static HiveMetaStoreClient client(String uri) throws Exception {
        HiveConf conf = new HiveConf();
        conf.set("hive.metastore.uris", uri);
        return new HiveMetaStoreClient(conf);
    }

    private void copyRaw(String name) throws Exception {
        Path dir = Files.createDirectories(home.resolve("data/raw/dt=2026-11-26/hr=18"));
        try (InputStream in = getClass().getResourceAsStream("raw/" + name)) {
            Files.copy(in, dir.resolve(name));
        }
    }

    /** Runs the load of 18:10 on {@code jdbcUrl}; returns its stderr, empty when it succeeded. */
    private String load(String jdbcUrl) {
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute(new LoadCommand(), new PrintWriter(err, true), "--jdbc-url", jdbcUrl,
                "--data-root", home.resolve("data").toString(), "--nominal-time", "2026-11-26T18:10:00+09:00");
        return exit == 0 ? "" : "exit " + exit + ": " + err;
    }

    private static long rows(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "test", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM realtime_trend.keyword_rank WHERE dt = '2026-11-26' AND hr = '18'")) {
            r.next();
            return r.getLong(1);
        }
    }

}
