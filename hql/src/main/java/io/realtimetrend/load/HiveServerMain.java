package io.realtimetrend.load;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A HiveServer2 as a service of its own (local mode starts it in a child JVM, as a cluster has one running):
 * {@code HiveServerMain <home> <port> [--warm-up]} prints {@code ready <jdbc url>} once the port is open and runs
 * until killed. With {@code --warm-up} it first runs {@link HiveWarmUp} and prints {@code warm-up done in N ms} (or
 * one {@code warm-up failed: …} line on stderr: the server serves either way), so the first load finds it warm.
 */
public final class HiveServerMain {

    private HiveServerMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean warmUp = args.length == 3 && args[2].equals("--warm-up");
        if (args.length != 2 && !warmUp) {
            System.err.println("usage: HiveServerMain <home> <port> [--warm-up]");
            System.exit(2);
        }
        EmbeddedHiveServer server = EmbeddedHiveServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
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
