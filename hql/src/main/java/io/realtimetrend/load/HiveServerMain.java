package io.realtimetrend.load;

import io.realtimetrend.contract.ServiceReady;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A HiveServer2 as a service of its own (local mode starts it in a child JVM, as a cluster has one running):
 * {@code HiveServerMain <home> <port> [--metastore-uri thrift://…] [--warm-up]} prints {@code ready <jdbc url>} once
 * the port is open and runs until killed. Without {@code --metastore-uri} its metastore is embedded (Derby under
 * {@code home}). With {@code --warm-up} it first runs {@link HiveWarmUp} and prints {@code warm-up done in N ms} (or
 * one {@code warm-up failed: …} line on stderr: the server serves either way), so the first load finds it warm.
 */
public final class HiveServerMain {

    private HiveServerMain() {
    }

    /** The command line: {@code <home> <port> [--metastore-uri thrift://…] [--warm-up]}. */
    private static final class Options {
        @Parameters(index = "0") Path home;
        @Parameters(index = "1") int port;
        @Option(names = "--metastore-uri") String metastoreUri;
        @Option(names = "--warm-up") boolean warmUp;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        try {
            new CommandLine(options).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("usage: HiveServerMain <home> <port> [--metastore-uri thrift://HOST:PORT] [--warm-up]");
            System.exit(2);
        }
        EmbeddedHiveServer server = EmbeddedHiveServer.start(options.home, options.port,
                Optional.ofNullable(options.metastoreUri));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hiveserver2-shutdown"));
        if (options.warmUp) {
            warmUp(server.jdbcUrl(), options.home.resolve("warm-up"));
        }
        System.out.println(ServiceReady.line(server.jdbcUrl()));
        System.out.flush();
        stopped.await();
    }

    private static void warmUp(String jdbcUrl, Path dir) {
        try {
            System.out.println("warm-up done in " + new HiveWarmUp(jdbcUrl, dir).run().toMillis() + " ms");
        } catch (Exception e) {
            System.err.println("warm-up failed: " + e.getMessage());
        }
    }
}
