package io.realtimetrend.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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

    public static void main(String[] args) throws Exception {
        List<String> options = args.length < 2 ? List.of() : List.of(args).subList(2, args.length);
        boolean warmUp = options.contains("--warm-up");
        int uriAt = options.indexOf("--metastore-uri");
        Optional<String> metastoreUri = uriAt >= 0 && uriAt + 1 < options.size()
                ? Optional.of(options.get(uriAt + 1)) : Optional.empty();
        if (args.length < 2 || options.size() != (warmUp ? 1 : 0) + (metastoreUri.isPresent() ? 2 : 0)) {
            System.err.println("usage: HiveServerMain <home> <port> [--metastore-uri thrift://HOST:PORT] [--warm-up]");
            System.exit(2);
        }
        EmbeddedHiveServer server = EmbeddedHiveServer.start(Path.of(args[0]), Integer.parseInt(args[1]), metastoreUri);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hiveserver2-shutdown"));
        if (warmUp) {
            warmUp(server.jdbcUrl(), Path.of(args[0], "warm-up"));
        }
        System.out.println("ready " + server.jdbcUrl());
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
