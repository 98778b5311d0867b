package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.CommandLines;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local --engine}: which engines this module's classpath holds, and the values (an engine, a taken Oozie port)
 * refused before anything starts.
 */
class EngineOptionTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheLocalEngineIsOnThisModulesClasspathSoYarnRunsInOozieYarnsJvm() {
        assertThat(ServiceLoader.load(Engine.class).stream().map(p -> p.get().name()))
                .containsExactly("local");
    }

    @Test
    void theYarnEngineOnThisModulesClasspathIsRefusedWithOneLineAndNothingIsWritten() {
        Path data = tmp.resolve("data");
        StringWriter err = new StringWriter();
        int code = CommandLines.execute(new LocalPipeline(), new PrintWriter(err, true), "--demo", "--engine", "yarn",
                "--data-root", data.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("local failed: --engine yarn is not on this JVM's classpath: "
                + "bin/realtime-trend local --engine yarn starts local mode on module oozie-yarn's");
        assertThat(data).doesNotExist();
    }

    @Test
    void liveOnTheYarnEngineIsRefusedAndNothingIsWritten() {
        Path data = tmp.resolve("data");
        StringWriter err = new StringWriter();
        int code = CommandLines.execute(new LocalPipeline(), new PrintWriter(err, true), "--live", "--demo",
                "--engine", "yarn", "--data-root", data.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("local failed: --live runs on --engine local only: --engine yarn "
                + "starts a mini cluster for one run, to check the app before deploying it");
        assertThat(data).doesNotExist();
    }

    @Test
    void anHdfsDataRootOnTheLocalEngineIsRefused() {
        StringWriter err = new StringWriter();
        int code = CommandLines.execute(new LocalPipeline(), new PrintWriter(err, true), "--demo", "--data-root",
                "hdfs:///data/realtime-trend");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("local failed: --data-root hdfs:///data/realtime-trend is on HDFS: "
                + "--engine yarn starts one (its mini cluster's, hdfs:///PATH); the local engine's actions use the local disk");
    }

    @Test
    void anUnknownEngineIsRefused() {
        StringWriter err = new StringWriter();
        int code = CommandLines.execute(new LocalPipeline(), new PrintWriter(err, true), "--demo", "--engine", "spark",
                "--data-root", tmp.resolve("data").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("local failed: --engine is one of local, yarn, not spark");
    }

    @Test
    void aTakenOoziePortIsRefusedWithOneLineNamingItAndNothingStarts() throws Exception {
        Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int port = taken.getLocalPort();

            int code = CommandLines.execute(new LocalPipeline(), new PrintWriter(err, true), "--demo", "--oozie-port",
                    String.valueOf(port), "--data-root", data.toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("local failed: --oozie-port " + port + ": 127.0.0.1:" + port
                    + " is in use");
        }
        assertThat(data).doesNotExist();
    }
}
