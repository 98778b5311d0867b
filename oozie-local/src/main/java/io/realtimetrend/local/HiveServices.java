package io.realtimetrend.local;

import io.realtimetrend.contract.LoopbackPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hive as a cluster runs it, in JVMs of their own: a standalone metastore (Derby under {@code home}) and a
 * HiveServer2 that keeps its tables there, warmed up by a first load.
 *
 * @param metastore the metastore service; its address is {@code thrift://127.0.0.1:PORT}
 * @param server    HiveServer2; its address is the JDBC URL
 */
record HiveServices(ChildProcesses.Started metastore, ChildProcesses.Started server) implements AutoCloseable {

    HiveServices {
        Objects.requireNonNull(metastore, "metastore is null");
        Objects.requireNonNull(server, "server is null");
    }

    /** Starts the metastore, then HiveServer2 on it, under the run's Hive home; their files: {@code hive-metastore.*}, {@code hiveserver2.*}. */
    static HiveServices start(LocalRun run) throws IOException, InterruptedException {
        ModuleJvm jvm = run.jvm();
        RunFiles files = run.files();
        Path home = files.hiveHome();
        // a few tables and partitions: a small serial-collected heap (the run's peak memory is a benchmark figure)
        ChildProcesses.Started metastore = ChildProcesses.startService(jvm.command(ModuleMain.HIVE_METASTORE,
                List.of("-Xmx256m", "-XX:+UseSerialGC"), Map.of(), List.of(home.toString(), String.valueOf(LoopbackPort.free())),
                files.log("hive-metastore")),
                files.child("hive-metastore"), 120_000);
        try {
            // loads of an hour's few snapshots (local MapReduce in its JVM): a heap that stays below 1 GB's growth
            ChildProcesses.Started server = ChildProcesses.startService(jvm.command(ModuleMain.HIVE_SERVER,
                    List.of("-Xmx640m"), Map.of(), List.of(home.toString(), String.valueOf(LoopbackPort.free()),
                            "--metastore-uri", metastore.address(), "--warm-up"), files.log("hiveserver2")),
                    files.child("hiveserver2"), 180_000);
            return new HiveServices(metastore, server);
        } catch (IOException | RuntimeException e) {
            metastore.close();
            throw e;
        }
    }

    /** Stops HiveServer2, then the metastore it uses. */
    @Override
    public void close() throws InterruptedException {
        server.close();
        metastore.close();
    }
}
